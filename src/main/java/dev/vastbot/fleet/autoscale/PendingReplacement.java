package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * A replacement under way as one tick sees it: {@code newId} was rented at {@code since} to take
 * the place of {@code oldId}, which stays until the new one passes a health check.
 *
 * @param status what the new instance's health says now, or how the let-go it led to ended
 */
public record PendingReplacement(long oldId, long newId, Instant since, Status status) {
  /** Where the replacement stands. */
  public enum Status {
    /** It passed a health check since it was rented (healthy, or degraded only: doing its job). */
    PASSED,
    /** Not yet: booting, unreachable or unhealthy so far. */
    WAITING,
    /** It is gone from the account: the replacement failed, and the old one may be replaced again. */
    LOST,
    /**
     * The new one passed and stands in for the old one, whose let-go ended without destroying it
     * (needs attention, failed, denied): the old one is held, out of the group's size, and not
     * replaced again, until a person terminates it or it is gone.
     */
    OLD_HELD,
    /** The new one did not pass in time and is being let go; the old one waits for that to end. */
    NEW_LEAVING,
    /**
     * The new one did not pass in time, and its let-go ended without destroying it: it is held,
     * out of the group's size, and nothing more is rented for the old one until a person acts.
     */
    NEW_HELD
  }

  /** While in one of these, the old instance is on its way out and out of the group's size. */
  static final Set<Status> OLD_OUT = Set.of(Status.PASSED, Status.WAITING, Status.OLD_HELD);
  /** While in one of these, no further replacement starts in the group. */
  static final Set<Status> UNPASSED = Set.of(Status.WAITING, Status.NEW_LEAVING, Status.NEW_HELD);

  public PendingReplacement {
    requireNonNull(since, "since == null");
    requireNonNull(status, "status == null");
  }

  /** Whether the old instance is out of the group's size (on its way out, or held). */
  boolean holdsOldOut() {
    return OLD_OUT.contains(status);
  }

  /** Whether the new instance is on trial (not a settled member yet). */
  boolean onTrial() {
    return status == Status.WAITING || status == Status.PASSED;
  }

  /** Whether the old instance must not be replaced again now (its last replacement did not pass). */
  boolean holdsBackOld() {
    return status == Status.NEW_LEAVING || status == Status.NEW_HELD;
  }
}
