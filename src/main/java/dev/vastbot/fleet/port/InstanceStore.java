package dev.vastbot.fleet.port;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.TrackedInstance;
import dev.vastbot.fleet.reservation.CreatedInstance;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.fleet.reservation.ReservationOutcome;
import dev.vastbot.fleet.reservation.ReservationRequest;
import dev.vastbot.fleet.reservation.ReservationRule;
import dev.vastbot.fleet.sync.SyncRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The instances we rent and are about to rent: our view of every instance Vast listed (kept after
 * it is gone), the reservations that hold instance slots and spend for a rent under way, and the
 * latest data sync of each instance. Instances and reservations are kept together because an
 * observation, a reservation and a create each read and change both in one transaction: that is
 * what makes an instance cap or a budget hold under concurrency.
 *
 * <p>Thread-safe; each method is one transaction, and the reservation methods (and {@link
 * #recordObservation}) serialise on one lock across every process on the database. Failures
 * surface as {@link dev.vastbot.fleet.StoreException}; a null argument as {@link
 * NullPointerException}.
 */
public interface InstanceStore {

  /**
   * Records one complete observation of the fleet: every listed instance is inserted or updated
   * ({@code lastSeen = observedAt}, with the rate it commits to); a tracked instance missing from
   * the list gets {@code goneAt} set, once, unless a rent created it so recently that the list may
   * have been taken before (see {@link #recordCreated}). A listed instance whose label names an
   * operation with an open reservation takes one of its slots, once (so it never counts twice).
   */
  void recordObservation(List<Instance> instances, Instant observedAt);

  /**
   * Records that Vast no longer lists the instance (a destroy confirmed): {@code goneAt} is set,
   * once, so it stops holding a slot before the next full list. Nothing when it is untracked.
   */
  void recordGone(long id, Instant at);

  /** Every instance we have ever tracked, by id. */
  List<TrackedInstance> trackedInstances();

  Optional<TrackedInstance> trackedInstance(long id);

  /**
   * Reserves instance slots and spend for a rent, in one transaction under a lock that serialises
   * every reserver on this database (threads and processes alike): drops the reservations that
   * lapsed, reads what is committed (the instances not gone, with their autoscaler group and rate,
   * the warm pool's members, and the open reservations), and grants the request unless {@code rule}
   * refuses it.
   *
   * @param rule pure; called once, inside the transaction
   */
  ReservationOutcome reserve(ReservationRequest request, ReservationRule rule);

  /**
   * Turns one slot of reservation {@code reservationId} into the instance a rent just created, in
   * one transaction under the reservation lock: the instance is tracked (with the reservation's
   * group, and kept from being marked gone by a list that does not show it yet until {@code
   * leaseUntil}), the reservation loses one slot and the instance's rate, and its lease is renewed
   * to {@code leaseUntil}. An instance that already took a slot takes no second one (a retried
   * create finds the same instance). Returns whether the reservation still held; the instance is
   * tracked either way.
   */
  boolean recordCreated(long reservationId, CreatedInstance created, Instant at, Instant leaseUntil);

  /** Releases what is left of a reservation (its rent is done); nothing when it is gone already. */
  void releaseReservation(long reservationId);

  /** The reservations holding slots at {@code at}, oldest first. */
  List<Reservation> openReservations(Instant at);

  /** Keeps the latest sync of an instance (replacing the one before). */
  void recordSync(SyncRecord sync);

  /** The latest sync of every instance ever synced, by instance id. */
  List<SyncRecord> syncRecords();
}
