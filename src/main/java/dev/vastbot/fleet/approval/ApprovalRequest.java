package dev.vastbot.fleet.approval;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A costly action waiting for a person's decision (a termination, a provision over a limit). Its
 * id is the id of the journaled operation it gates; a person approves it with {@code /vast approve
 * ID} (or the button in Slack). Kept in the store, so a pending request survives a restart.
 *
 * @param action what would be done ("terminate", "provision")
 * @param summary what the prompt shows: the instance(s), why, the money, the data to sync
 * @param decision null while pending
 */
public record ApprovalRequest(long operationId, String action, String target, String requestedBy, String summary,
    Instant createdAt, Instant expiresAt, ApprovalDecision decision, String decidedBy, Instant decidedAt) {

  public ApprovalRequest {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public static ApprovalRequest pending(long operationId, String action, String target, String requestedBy,
      String summary, Instant createdAt, Instant expiresAt) {
    return new ApprovalRequest(operationId, action, target, requestedBy, summary, createdAt, expiresAt, null, null,
        null);
  }

  public boolean pending() {
    return decision == null;
  }

  public boolean expiredAt(Instant now) {
    return pending() && !now.isBefore(expiresAt);
  }

  public Optional<ApprovalDecision> outcome() {
    return Optional.ofNullable(decision);
  }
}
