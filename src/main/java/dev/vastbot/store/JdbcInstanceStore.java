package dev.vastbot.store;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.TrackedInstance;
import dev.vastbot.fleet.port.InstanceStore;
import dev.vastbot.fleet.reservation.CreatedInstance;
import dev.vastbot.fleet.reservation.Refusal;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.fleet.reservation.ReservationOutcome;
import dev.vastbot.fleet.reservation.ReservationRequest;
import dev.vastbot.fleet.reservation.ReservationRule;
import dev.vastbot.fleet.sync.SyncRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link InstanceStore} on the store's database: tracked instances, reservations and sync
 * records. Reservations (instance caps and budgets) and observations are serialised across
 * processes by {@link SqlDialect#lockReservations}.
 *
 * <p>Thread-safe; each method is one transaction on the database's connections (see {@link
 * StoreDatabase}). Failures surface as {@link dev.vastbot.fleet.StoreException} saying what
 * could not be done.
 */
public final class JdbcInstanceStore implements InstanceStore {
  private final SerializedConnection connection;
  private final SerializedConnection reads;
  private final InstanceTable instances = new InstanceTable();
  private final SyncTable syncs = new SyncTable();
  private final ReservationTables reservations;

  /** The part on {@code database}, which whoever opened it closes: the part holds nothing of its own. */
  public JdbcInstanceStore(StoreDatabase database) {
    this.connection = database.writes();
    this.reads = database.reads();
    this.reservations = new ReservationTables(database.dialect());
  }

  @Override
  public void recordObservation(List<Instance> observed, Instant observedAt) {
    List<Instance> snapshot = List.copyOf(observed);
    Objects.requireNonNull(observedAt, "observedAt");
    connection.inTransaction(
        "record an observation of " + snapshot.size() + " instances",
        c -> {
          reservations.lock(c);
          instances.recordObservation(c, snapshot, observedAt);
          reservations.claimListed(c, snapshot, observedAt);
          return null;
        });
  }

  @Override
  public void recordGone(long id, Instant at) {
    Objects.requireNonNull(at, "at");
    connection.inTransaction("record vast-" + id + " gone", c -> {
      instances.recordGone(c, id, at);
      return null;
    });
  }

  @Override
  public List<TrackedInstance> trackedInstances() {
    return connection.inTransaction("read the tracked instances", instances::all);
  }

  @Override
  public Optional<TrackedInstance> trackedInstance(long id) {
    return connection.inTransaction("read instance " + id, c -> instances.byId(c, id));
  }

  @Override
  public ReservationOutcome reserve(ReservationRequest request, ReservationRule rule) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(rule, "rule");
    return connection.inTransaction("reserve " + request.slots() + " slot(s) for provision " + request.operationId(),
        c -> {
          reservations.lock(c);
          reservations.dropLapsed(c, request.at());
          Optional<Refusal> refusal = rule.refusal(request, reservations.committed(c, request.at()));
          return refusal.isPresent() ? ReservationOutcome.refused(refusal.get())
              : ReservationOutcome.granted(reservations.insert(c, request));
        });
  }

  @Override
  public boolean recordCreated(long reservationId, CreatedInstance created, Instant at, Instant leaseUntil) {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    return connection.inTransaction("record vast-" + created.id() + " as created under reservation " + reservationId,
        c -> {
          reservations.lock(c);
          return reservations.recordCreated(c, reservationId, created, at, leaseUntil);
        });
  }

  @Override
  public void releaseReservation(long reservationId) {
    connection.inTransaction("release reservation " + reservationId, c -> {
      reservations.lock(c);
      reservations.release(c, reservationId);
      return null;
    });
  }

  @Override
  public List<Reservation> openReservations(Instant at) {
    Objects.requireNonNull(at, "at");
    return connection.inTransaction("read the open reservations", c -> reservations.open(c, at));
  }

  @Override
  public void recordSync(SyncRecord sync) {
    connection.inTransaction("record the sync of instance " + sync.instanceId(), c -> {
      syncs.upsertSync(c, sync);
      return null;
    });
  }

  @Override
  public List<SyncRecord> syncRecords() {
    return reads.inTransaction("read the sync records", syncs::syncs);
  }
}
