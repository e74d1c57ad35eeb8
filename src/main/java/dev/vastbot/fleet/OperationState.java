package dev.vastbot.fleet;

/**
 * Where a journaled operation stands. Not every operation passes through every state: a provision
 * goes REQUESTED → RUNNING → SUCCEEDED/FAILED; a termination goes REQUESTED → AWAITING_APPROVAL →
 * APPROVED → QUIESCING → SYNCING → VERIFIED → DESTROYING → SUCCEEDED (destroyed), or stops at
 * DENIED, EXPIRED, NEEDS_ATTENTION or FAILED with the instance kept.
 */
public enum OperationState {
  REQUESTED,
  AWAITING_APPROVAL,
  APPROVED,
  DENIED,
  /** The approval was not given in time. */
  EXPIRED,
  RUNNING,
  /** Stopping the instance's workers and orchestrator so that nothing is written after the copy. */
  QUIESCING,
  SYNCING,
  VERIFIED,
  DESTROYING,
  SUCCEEDED,
  FAILED,
  /** Stopped, with the instance kept: a person must look (unreachable, its GPU taken, ...). */
  NEEDS_ATTENTION,
  CANCELLED;

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == DENIED || this == EXPIRED
        || this == NEEDS_ATTENTION || this == CANCELLED;
  }

  /** For people: "awaiting approval", "needs attention". */
  public String display() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
