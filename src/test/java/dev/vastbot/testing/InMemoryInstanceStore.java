package dev.vastbot.testing;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.TrackedInstance;
import dev.vastbot.fleet.autoscale.PoolMember;
import dev.vastbot.fleet.cost.SpendLedger;
import dev.vastbot.fleet.port.AutoscaleStore;
import dev.vastbot.fleet.port.InstanceStore;
import dev.vastbot.fleet.reservation.Commitments;
import dev.vastbot.fleet.reservation.CreatedInstance;
import dev.vastbot.fleet.reservation.Refusal;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.fleet.reservation.ReservationOutcome;
import dev.vastbot.fleet.reservation.ReservationRequest;
import dev.vastbot.fleet.reservation.ReservationRule;
import dev.vastbot.fleet.reservation.SlotLabel;
import dev.vastbot.fleet.sync.SyncRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An {@link InstanceStore} in memory, for tests of the code that uses the port. A reservation
 * reads each instance's group and the warm pool from an {@link AutoscaleStore}, and gives an
 * instance that takes a slot its reservation's group there, as the database does. Thread-safe: one
 * lock, taken before the autoscale store's (never the other way round).
 */
public final class InMemoryInstanceStore implements InstanceStore {
  private final AutoscaleStore autoscale;
  private final Map<Long, TrackedInstance> instances = new TreeMap<>();
  private final Map<Long, Double> rates = new TreeMap<>();
  private final Map<Long, Long> slotTaken = new TreeMap<>();
  private final Map<Long, Instant> unlistedUntil = new TreeMap<>();
  private final Map<Long, Reservation> reservations = new TreeMap<>();
  private final Map<Long, SyncRecord> syncs = new TreeMap<>();
  private long lastReservation;

  /** With an autoscale store of its own, for tests of instances alone. */
  public InMemoryInstanceStore() {
    this(new InMemoryAutoscaleStore());
  }

  /** Sharing {@code autoscale} (groups and warm pool) with the code under test. */
  public InMemoryInstanceStore(AutoscaleStore autoscale) {
    this.autoscale = autoscale;
  }

  @Override
  public synchronized void recordObservation(List<Instance> observed, Instant at) {
    Set<Long> seen = new HashSet<>();
    for (Instance i : observed) {
      seen.add(i.id());
      TrackedInstance old = instances.get(i.id());
      instances.put(i.id(), new TrackedInstance(i.id(), i.label(), i.gpuName(), i.numGpus(),
          i.displayStatus(), old == null ? at : old.firstSeen(), at, null));
      rates.put(i.id(), SpendLedger.committedRate(i));
      unlistedUntil.remove(i.id());
    }
    instances.replaceAll((id, t) -> seen.contains(id) || t.gone() || unlistedUntil.getOrDefault(id, at).isAfter(at)
        ? t : new TrackedInstance(id, t.label(), t.gpuName(), t.numGpus(), t.status(), t.firstSeen(),
            t.lastSeen(), at));
    claimListed(observed, at);
  }

  @Override
  public synchronized void recordGone(long id, Instant at) {
    instances.computeIfPresent(id, (key, t) -> t.gone() ? t : new TrackedInstance(id, t.label(), t.gpuName(),
        t.numGpus(), t.status(), t.firstSeen(), t.lastSeen(), at));
  }

  @Override
  public synchronized List<TrackedInstance> trackedInstances() {
    return List.copyOf(instances.values());
  }

  @Override
  public synchronized Optional<TrackedInstance> trackedInstance(long id) {
    return Optional.ofNullable(instances.get(id));
  }

  @Override
  public synchronized ReservationOutcome reserve(ReservationRequest request, ReservationRule rule) {
    reservations.values().removeIf(r -> !r.openAt(request.at()));
    Map<Long, String> groups = autoscale.autoscaleGroups();
    List<Commitments.LiveInstance> live = instances.values().stream().filter(t -> !t.gone())
        .map(t -> new Commitments.LiveInstance(t.id(), Optional.ofNullable(groups.get(t.id())),
            rates.getOrDefault(t.id(), 0.0)))
        .toList();
    Set<Long> pooled = autoscale.poolMembers().stream().map(PoolMember::instanceId).collect(Collectors.toSet());
    Optional<Refusal> refusal = rule.refusal(request,
        new Commitments(live, List.copyOf(reservations.values()), pooled));
    if (refusal.isPresent()) {
      return ReservationOutcome.refused(refusal.get());
    }
    Reservation granted = request.granted(++lastReservation);
    reservations.put(granted.id(), granted);
    return ReservationOutcome.granted(granted);
  }

  @Override
  public synchronized boolean recordCreated(long reservationId, CreatedInstance created, Instant at,
      Instant leaseUntil) {
    Optional<Reservation> reservation = Optional.ofNullable(reservations.get(reservationId)).filter(r -> r.openAt(at));
    if (!instances.containsKey(created.id())) {
      instances.put(created.id(), new TrackedInstance(created.id(), created.label(), created.gpuName(),
          created.numGpus(), "provisioning", at, at, null));
      rates.put(created.id(), created.ratePerHour());
      unlistedUntil.put(created.id(), leaseUntil);
    }
    if (!slotTaken.containsKey(created.id())) {
      slotTaken.put(created.id(), reservationId);
      reservation.ifPresent(r -> takeSlot(r, created.id(), created.ratePerHour(), at));
    }
    reservation.ifPresent(r -> reservations.computeIfPresent(r.id(), (id, held) -> new Reservation(id,
        held.operationId(), held.group(), held.slots(), held.ratePerHour(), leaseUntil)));
    return reservation.isPresent();
  }

  @Override
  public synchronized void releaseReservation(long reservationId) {
    reservations.remove(reservationId);
  }

  @Override
  public synchronized List<Reservation> openReservations(Instant at) {
    return reservations.values().stream().filter(r -> r.openAt(at)).toList();
  }

  @Override
  public synchronized void recordSync(SyncRecord sync) {
    syncs.put(sync.instanceId(), sync);
  }

  @Override
  public synchronized List<SyncRecord> syncRecords() {
    return List.copyOf(syncs.values());
  }

  private void claimListed(List<Instance> observed, Instant at) {
    for (Instance instance : observed) {
      OptionalLong operation = SlotLabel.operationOf(instance.label());
      Optional<Reservation> reservation = reservations.values().stream()
          .filter(r -> r.openAt(at) && operation.isPresent() && r.operationId() == operation.getAsLong())
          .findFirst();
      if (reservation.isPresent() && !slotTaken.containsKey(instance.id())) {
        takeSlot(reservation.get(), instance.id(), instance.dphTotal(), at);
      }
    }
  }

  private void takeSlot(Reservation reservation, long instanceId, double rate, Instant at) {
    slotTaken.put(instanceId, reservation.id());
    reservation.group().ifPresent(group -> autoscale.assignAutoscaleGroup(instanceId, group, at));
    Reservation held = reservations.get(reservation.id());
    if (held.slots() == 0) {
      return;
    }
    int slots = held.slots() - 1;
    reservations.put(held.id(), new Reservation(held.id(), held.operationId(), held.group(), slots,
        slots == 0 ? 0 : Math.max(0, held.ratePerHour() - rate), held.expiresAt()));
  }
}
