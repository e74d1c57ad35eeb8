package dev.vastbot.fleet;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A replacement under way: {@code newId} was rented to take the place of {@code oldId}, which is
 * let go (through the safe termination path) only once the new one passes a health check.
 *
 * @param group the autoscaler group both belong to
 * @param since when the new one was rented
 */
public record Replacement(long oldId, long newId, String group, Instant since) {
  public Replacement {
    requireNonNull(group, "group == null");
    requireNonNull(since, "since == null");
  }
}
