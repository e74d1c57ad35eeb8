package dev.vastbot.fleet;

import java.util.Optional;

/**
 * How one new instance's boot ended.
 *
 * @param last what Vast last said of it (empty when it is gone)
 */
public record BootOutcome(long id, Kind kind, Optional<Instance> last) {
  public enum Kind {
    RUNNING,
    /** It reached a state it will not leave by itself (exited, stopped, offline, OCI error). */
    FAILED,
    /** Vast no longer lists it. */
    GONE,
    /** Still not running when the deadline passed. */
    TIMED_OUT
  }
}
