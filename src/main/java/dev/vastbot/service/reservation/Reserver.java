package dev.vastbot.service.reservation;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.autoscale.Spend;
import dev.vastbot.fleet.autoscale.SpendSoFar;
import dev.vastbot.fleet.port.InstanceStore;
import dev.vastbot.fleet.reservation.CreatedInstance;
import dev.vastbot.fleet.reservation.RentScope;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.fleet.reservation.ReservationCheck;
import dev.vastbot.fleet.reservation.ReservationOutcome;
import dev.vastbot.fleet.reservation.ReservationRequest;
import dev.vastbot.fleet.reservation.ReservationRule;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
/**
 * Takes, renews and releases the reservations of rents: reads what the ledger says was spent,
 * then has the store reserve under its lock with the {@link ReservationRule}. Thread-safe; holds
 * nothing itself (every reservation is a row in the store, so another process sees it).
 *
 * <p>The lease: a reservation that is not renewed lapses after it. A rent renews it with every
 * instance it creates and releases it when its creates are done, so a live rent holds it for
 * seconds to minutes; only a renter that died mid-rent leaves one to lapse. The default, {@link
 * #leaseFor twice the boot timeout}, is longer than any live rent's creates (a create that waits
 * out the Vast client's retries, a large order over many taken offers) so that no live rent loses
 * its slots to another reserver, and short enough that a dead renter's slots come back within the
 * half hour with the default 15-minute boot timeout. An instance created under a reservation that
 * no list has shown yet stays counted (not marked gone by an older list) for the same lease.
 */
public final class Reserver {
  private final InstanceStore store;
  private final ReservationRule rule;
  private final LedgerReader ledger;
  private final Duration lease;
  private final Clock clock;

  /** What the spend ledger says was spent so far; may read the store, never the provider. */
  @FunctionalInterface
  public interface LedgerReader {
    /** By {@code group} (all groups when empty) and by all groups; the rates are not read. */
    SpendSoFar spentSoFar(Optional<String> group);

    /** A ledger that knows of no spend (no budget is configured to check against). */
    LedgerReader NONE = group -> new SpendSoFar(Spend.none(), Spend.none());
  }

  public Reserver(InstanceStore store, ReservationRule rule, LedgerReader ledger, Duration lease, Clock clock) {
    this.store = requireNonNull(store, "store == null");
    this.rule = requireNonNull(rule, "rule == null");
    this.ledger = requireNonNull(ledger, "ledger == null");
    this.lease = requireNonNull(lease, "lease == null");
    this.clock = requireNonNull(clock, "clock == null");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease <= 0: " + lease);
    }
  }

  /** A reserver that checks the fleet's slots only ({@code scaling.max_instances}). */
  public static Reserver fleetSlotsOnly(InstanceStore store, int fleetMax, Duration bootTimeout, Clock clock) {
    return new Reserver(store, ReservationCheck.fleetOnly(fleetMax), LedgerReader.NONE, leaseFor(bootTimeout),
        clock);
  }

  /** The default lease: twice the boot timeout (see the class comment for why). */
  public static Duration leaseFor(Duration bootTimeout) {
    return bootTimeout.multipliedBy(2);
  }

  /**
   * Reserves {@code slots} instances adding at most {@code ratePerHour} for operation {@code
   * operation}, or says which cap that would pass.
   *
   * @throws dev.vastbot.fleet.StoreException when the store cannot be reached (nothing is reserved)
   */
  public ReservationOutcome reserve(long operation, RentScope scope, int slots, double ratePerHour) {
    var request = new ReservationRequest(operation, scope.group(), slots, ratePerHour, scope.leaving(),
        scope.waived(), ledger.spentSoFar(scope.group()), clock.instant(), lease);
    return store.reserve(request, rule);
  }

  /**
   * Turns one slot of {@code reservation} into the instance just created (at most once per
   * instance) and renews the reservation's lease; returns whether it still held (false: it lapsed
   * or was released, and the rent should create no more).
   */
  public boolean recordCreated(Reservation reservation, CreatedInstance created) {
    var now = clock.instant();
    return store.recordCreated(reservation.id(), created, now, now.plus(lease));
  }

  /** Releases what is left of {@code reservation}: its rent has created all it will. */
  public void release(Reservation reservation) {
    store.releaseReservation(reservation.id());
  }

  /**
   * The most any {@code count} of {@code offers} cost per hour together: the sum of the {@code
   * count} dearest, since a rent takes the next offer when one is taken.
   */
  public static double mostFor(List<Offer> offers, int count) {
    return offers.stream().map(Offer::dphTotal).sorted(Comparator.reverseOrder()).limit(count)
        .mapToDouble(Double::doubleValue).sum();
  }
}
