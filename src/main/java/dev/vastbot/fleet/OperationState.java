package dev.vastbot.fleet;

/**
 * Where a journaled operation stands. Not every operation passes through every state: a provision
 * goes REQUESTED → RUNNING → SUCCEEDED/FAILED; a termination (later) goes through approval, sync
 * and verification first.
 */
public enum OperationState {
  REQUESTED,
  AWAITING_APPROVAL,
  APPROVED,
  DENIED,
  RUNNING,
  SYNCING,
  VERIFIED,
  DESTROYING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == DENIED || this == CANCELLED;
  }
}
