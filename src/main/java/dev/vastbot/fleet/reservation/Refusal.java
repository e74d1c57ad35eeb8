package dev.vastbot.fleet.reservation;

import static java.util.Objects.requireNonNull;

/**
 * Why a reservation was not granted.
 *
 * @param cap the limit it would pass
 * @param reason for people: which cap, and the numbers ({@code it would bring the fleet to 5
 *     instances with 1 reserved by provision 12, above scaling.max_instances 4})
 */
public record Refusal(Cap cap, String reason) {
  public Refusal {
    requireNonNull(cap, "cap == null");
    requireNonNull(reason, "reason == null");
  }
}
