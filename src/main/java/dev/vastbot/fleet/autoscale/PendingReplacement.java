package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A replacement under way as one tick sees it: {@code newId} was rented at {@code since} to take
 * the place of {@code oldId}, which stays until the new one passes a health check.
 *
 * @param status what the new instance's health says now
 */
public record PendingReplacement(long oldId, long newId, Instant since, Status status) {
  /** The new instance's part. */
  public enum Status {
    /** It passed a health check since it was rented (healthy, or degraded only: doing its job). */
    PASSED,
    /** Not yet: booting, unreachable or unhealthy so far. */
    WAITING,
    /** It is gone from the account: the replacement failed, and the old one may be replaced again. */
    LOST
  }

  public PendingReplacement {
    requireNonNull(since, "since == null");
    requireNonNull(status, "status == null");
  }

  /** Whether it still holds its old instance back (not lost). */
  boolean active() {
    return status != Status.LOST;
  }
}
