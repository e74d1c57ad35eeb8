package dev.vastbot.fleet.reservation;

import java.util.Optional;

/**
 * Decides whether a reservation may be granted, from the request and what is committed. Pure: the
 * store calls it inside the reserving transaction, while it holds the lock that serialises every
 * reserver, so it must do no I/O and must not block.
 */
@FunctionalInterface
public interface ReservationRule {

  /** Empty when {@code request} fits; else the cap it would pass, and the numbers. */
  Optional<Refusal> refusal(ReservationRequest request, Commitments committed);
}
