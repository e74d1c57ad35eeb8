package dev.vastbot.fleet;

import static java.util.Objects.requireNonNull;

/**
 * What a termination operation is about, beside its journal row.
 *
 * @param forceWithoutSync an approver asked to destroy without copying the data first (recorded in
 *     the audit log as such)
 * @param ending how it ends once the copy is verified: destroyed, or stopped into a warm pool
 */
public record TerminationRecord(long operationId, long instanceId, boolean forceWithoutSync, Ending ending) {

  /**
   * How a termination ends. Every one copies the data home, verified, before its instance is
   * stopped or destroyed, except {@link #RETIRE}, whose copy was verified when it was parked.
   */
  public enum Ending {
    /** Copy, verify, destroy. */
    DESTROY,
    /** Copy, verify, then stop the instance into its group's warm pool (its disk kept). */
    PARK,
    /** Destroy a warm pool member: its copy was verified before it stopped; nothing is copied again. */
    RETIRE;

    /** As the store keeps it: {@code destroy}, {@code park}, {@code retire}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The ending kept as {@code key}; an unknown one reads as {@link #DESTROY}'s safe path. */
    public static Ending ofKey(String key) {
      for (Ending ending : values()) {
        if (ending.key().equals(key)) {
          return ending;
        }
      }
      return DESTROY;
    }
  }

  public TerminationRecord {
    requireNonNull(ending, "ending == null");
    if (forceWithoutSync && ending != Ending.DESTROY) {
      throw new IllegalArgumentException("only a destroy may go without sync");
    }
  }

  /** A termination that destroys its instance. */
  public TerminationRecord(long operationId, long instanceId, boolean forceWithoutSync) {
    this(operationId, instanceId, forceWithoutSync, Ending.DESTROY);
  }
}
