package dev.vastbot.fleet.port;

import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
/**
 * Where people see approval requests and what became of them: in Slack, one message per request
 * with Approve / Deny buttons, edited at each step. Implementations never throw (a prompt that
 * cannot be posted is logged; the request stays decidable by command) and are thread-safe.
 */
public interface ApprovalPrompts {
  /** No prompts (the console and the CLI print their replies instead). */
  ApprovalPrompts NONE = new ApprovalPrompts() {};

  /** A new request waits for a decision. */
  default void asked(ApprovalRequest request) {}

  /** Someone decided it. */
  default void decided(ApprovalRequest request, String decidedBy, ApprovalDecision decision) {}

  /** Nobody decided it in time. */
  default void expired(ApprovalRequest request) {}

  /** How the approved work goes ("syncing: 120 MB of 600 MB, 80 MB/s, 6 s left"). */
  default void progress(long operationId, String text) {}

  /** The approved work ended (destroyed, or stopped with a reason). */
  default void ended(Operation operation) {}
}
