package dev.vastbot.fleet.reservation;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.autoscale.SpendSoFar;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a rent asks the store to hold before it creates anything.
 *
 * @param operationId the provision renting
 * @param group the autoscaler group it rents for (its window's maximum and budget apply); empty for a
 *     person's provision
 * @param slots how many instances it may create
 * @param ratePerHour the most they add to the spend, USD per hour
 * @param leaving instances on their way out (replaced by this rent, or being terminated): they take
 *     no slot, though they cost until they are gone
 * @param waived the caps an approval lifted for this rent; its slots are reserved all the same
 * @param spent what the ledger says was spent today and this month, by the group and by all groups;
 *     only {@link dev.vastbot.fleet.autoscale.Spend#today()} and {@link
 *     dev.vastbot.fleet.autoscale.Spend#thisMonth()} are read: the rates (and this hour's spend,
 *     which follows from them) come from what the store holds committed
 * @param at now
 * @param lease how long the reservation holds without being renewed
 */
public record ReservationRequest(long operationId, Optional<String> group, int slots, double ratePerHour,
    Set<Long> leaving, Set<Cap> waived, SpendSoFar spent, Instant at, Duration lease) {

  public ReservationRequest {
    requireNonNull(group, "group == null");
    if (slots < 1) {
      throw new IllegalArgumentException("slots < 1: " + slots);
    }
    if (!(ratePerHour >= 0) || Double.isInfinite(ratePerHour)) {
      throw new IllegalArgumentException("ratePerHour must be a finite amount >= 0: " + ratePerHour);
    }
    leaving = Set.copyOf(leaving);
    waived = waived.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(waived));
    requireNonNull(spent, "spent == null");
    requireNonNull(at, "at == null");
    requireNonNull(lease, "lease == null");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease <= 0: " + lease);
    }
  }

  /** Whether {@code cap} applies to this rent (no approval lifted it). */
  public boolean checks(Cap cap) {
    return !waived.contains(cap);
  }

  /** The reservation this request becomes once granted, with the store's id. */
  public Reservation granted(long id) {
    return new Reservation(id, operationId, group, slots, ratePerHour, at.plus(lease));
  }
}
