package dev.vastbot.fleet;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * A replacement under way: {@code newId} was rented to take the place of {@code oldId}, which is
 * let go (through the safe termination path) only once the new one passes a health check. The row
 * stays until the instance being let go is gone, so that a let-go that ends without destroying it
 * (needs attention, failed, denied) is seen by every later tick, cron run and restart.
 *
 * @param group the autoscaler group both belong to
 * @param since when the new one was rented
 * @param stage how far it got
 * @param termination the termination operation that lets the old one go ({@link Stage#OLD_LEAVING})
 *     or the new one ({@link Stage#NEW_LEAVING}); empty on trial
 */
public record Replacement(long oldId, long newId, String group, Instant since, Stage stage,
    OptionalLong termination) {

  /** How far a replacement got. */
  public enum Stage {
    /** The new instance is on trial: it has not passed a health check yet. */
    TRIAL,
    /** The new one passed; the old one's termination was asked for. */
    OLD_LEAVING,
    /** The new one did not pass in time; its own termination was asked for. */
    NEW_LEAVING;

    /** As stored: {@code trial}, {@code old_leaving}, {@code new_leaving}. */
    public String stored() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The stage stored as {@code text}. */
    public static Stage ofStored(String text) {
      return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public Replacement {
    requireNonNull(group, "group == null");
    requireNonNull(since, "since == null");
    requireNonNull(stage, "stage == null");
    requireNonNull(termination, "termination == null");
    if (stage == Stage.TRIAL == termination.isPresent()) {
      throw new IllegalArgumentException("a termination is recorded exactly when the replacement is leaving: "
          + stage + ", " + termination);
    }
  }

  /** A replacement just rented, on trial. */
  public Replacement(long oldId, long newId, String group, Instant since) {
    this(oldId, newId, group, since, Stage.TRIAL, OptionalLong.empty());
  }

  /** The same replacement at {@code stage}, let go by termination {@code operation}. */
  public Replacement leaving(Stage stage, long operation) {
    if (stage == Stage.TRIAL) {
      throw new IllegalArgumentException("leaving needs OLD_LEAVING or NEW_LEAVING");
    }
    return new Replacement(oldId, newId, group, since, stage, OptionalLong.of(operation));
  }

  /** The instance this replacement lets go: the old one, or the new one that did not pass. */
  public long leavingId() {
    return stage == Stage.NEW_LEAVING ? newId : oldId;
  }
}
