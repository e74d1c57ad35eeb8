package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A group's demand signal as read at one moment.
 *
 * @param at when it was read
 * @param queuedGames the games queued or pending then (never negative)
 */
public record DemandReading(Instant at, double queuedGames) {

  public DemandReading {
    requireNonNull(at, "at == null");
    if (!(queuedGames >= 0) || Double.isInfinite(queuedGames)) {
      throw new IllegalArgumentException("queuedGames must be a non-negative number: " + queuedGames);
    }
  }
}
