package dev.vastbot.fleet.approval;

import dev.vastbot.fleet.Actor;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a person's approve or deny of a request counts. Pure: it returns the reason a
 * decision is refused (not an approver, already decided, expired, their own request), or empty
 * when it counts. The store then records the decision only if the request is still undecided, so
 * a second click, or a second replica, changes nothing.
 */
public final class ApprovalGate {
  private ApprovalGate() {}

  public static Optional<String> refusal(ApprovalRequest request, Actor actor, ApprovalDecision decision,
      ApprovalPolicy policy, Instant now) {
    if (!request.pending()) {
      return Optional.of("request " + request.operationId() + " was already " + request.decision().name()
          .toLowerCase(java.util.Locale.ROOT) + (request.decidedBy() == null ? "" : " by " + request.decidedBy()));
    }
    if (request.expiredAt(now)) {
      return Optional.of("request " + request.operationId() + " expired at " + request.expiresAt()
          + "; nothing was done (ask again)");
    }
    if (!policy.mayDecide(actor)) {
      return Optional.of(actor.id() + " is not an approver (slack.approvers)");
    }
    boolean own = request.requestedBy().equals(actor.id());
    if (decision == ApprovalDecision.APPROVED && own && !policy.allowSelfApproval() && !ApprovalPolicy.local(actor)) {
      return Optional.of("you asked for this yourself; another approver must approve it"
          + " (or set slack.allow_self_approval)");
    }
    return Optional.empty();
  }
}
