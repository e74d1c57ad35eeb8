package dev.vastbot.fleet.reservation;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A reservation granted, or the refusal that says why not: exactly one of the two is present. */
public record ReservationOutcome(Optional<Reservation> granted, Optional<Refusal> refusal) {

  public ReservationOutcome {
    requireNonNull(granted, "granted == null");
    requireNonNull(refusal, "refusal == null");
    if (granted.isPresent() == refusal.isPresent()) {
      throw new IllegalArgumentException("exactly one of granted and refusal must be present");
    }
  }

  public static ReservationOutcome granted(Reservation reservation) {
    return new ReservationOutcome(Optional.of(reservation), Optional.empty());
  }

  public static ReservationOutcome refused(Refusal refusal) {
    return new ReservationOutcome(Optional.empty(), Optional.of(refusal));
  }
}
