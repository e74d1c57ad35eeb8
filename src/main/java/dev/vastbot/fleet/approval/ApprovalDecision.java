package dev.vastbot.fleet.approval;

/** How an approval request ended. */
public enum ApprovalDecision {
  APPROVED,
  DENIED,
  /** Nobody decided before it expired: nothing is done. */
  EXPIRED
}
