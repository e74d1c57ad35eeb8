package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * One stopped instance kept in a group's warm pool, as the store holds it.
 *
 * @param stoppedSince when it was stopped into the pool
 * @param copiedAt when its data was copied home and verified, before it was stopped
 * @param diskGb its disk, which it keeps (and bills) while stopped
 * @param storageDph what it bills per hour while stopped, USD
 * @param runningDph what it costs per hour while running, USD
 */
public record PoolMember(long instanceId, String group, Instant stoppedSince, Instant copiedAt, double diskGb,
    double storageDph, double runningDph) {

  public PoolMember {
    requireNonNull(group, "group == null");
    requireNonNull(stoppedSince, "stoppedSince == null");
    requireNonNull(copiedAt, "copiedAt == null");
    if (copiedAt.isAfter(stoppedSince)) {
      throw new IllegalArgumentException("copied after it stopped: " + copiedAt + " > " + stoppedSince);
    }
    if (!(diskGb >= 0) || !(storageDph >= 0) || !(runningDph >= 0)) {
      throw new IllegalArgumentException("pool member sizes and prices must be >= 0");
    }
  }

  /** How long it has been stopped at {@code now} (zero if {@code now} is earlier). */
  public Duration stoppedFor(Instant now) {
    Duration stopped = Duration.between(stoppedSince, now);
    return stopped.isNegative() ? Duration.ZERO : stopped;
  }

  public String nodeName() {
    return "vast-" + instanceId;
  }
}
