package dev.vastbot.fleet.reservation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Instance slots and spend held in the store for one rent that has not created them yet. A row with
 * an id, so that any process sees it; it lapses at {@code expiresAt} unless the renter renews it
 * (each instance it creates does), so a renter killed mid-rent holds nothing for ever.
 *
 * @param id the store's id
 * @param operationId the provision it is for; its instances carry the label {@code
 *     vastbot:op<operationId>-<slot>}
 * @param group the autoscaler group the instances are for; empty for a person's provision
 * @param slots instances still to be created
 * @param ratePerHour the most those slots add to the spend, USD per hour
 * @param expiresAt when it lapses, unless renewed
 */
public record Reservation(long id, long operationId, Optional<String> group, int slots, double ratePerHour,
    Instant expiresAt) {

  public Reservation {
    requireNonNull(group, "group == null");
    requireNonNull(expiresAt, "expiresAt == null");
    if (slots < 0) {
      throw new IllegalArgumentException("slots < 0: " + slots);
    }
    if (!(ratePerHour >= 0) || Double.isInfinite(ratePerHour)) {
      throw new IllegalArgumentException("ratePerHour must be a finite amount >= 0: " + ratePerHour);
    }
  }

  /** Who holds it, for people: {@code provision 12}. */
  public String holder() {
    return "provision " + operationId;
  }

  /** Whether it still holds its slots at {@code at}. */
  public boolean openAt(Instant at) {
    return at.isBefore(expiresAt);
  }
}
