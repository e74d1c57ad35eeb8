package dev.vastbot.service.approval;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalGate;
import dev.vastbot.fleet.approval.ApprovalPolicy;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.FleetStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
/**
 * Where approval requests are asked for and decided, for every kind of costly action (a
 * termination, a provision over the fleet's limit): the request is kept in the store with its
 * operation in AWAITING_APPROVAL and shown in the prompts; a decision counts when the {@link
 * ApprovalGate} says so and the store records it first (once), then the operation moves to
 * APPROVED or DENIED; a request nobody decides expires. What an approved operation then does is
 * its owner's (the terminator, the provisioner). Thread-safe as far as the store is.
 */
public final class ApprovalDesk {
  /** Who withdraws a request whose prompt could not be posted. */
  public static final String UNDELIVERABLE = "vastbot:prompt-undeliverable";
  /** Who closes a request that a newer one, priced for today's need, takes the place of. */
  public static final String SUPERSEDED = "vastbot:superseded";
  private final FleetStore store;
  private final ApprovalPolicy policy;
  private final ApprovalPrompts prompts;
  private final Clock clock;

  public ApprovalDesk(FleetStore store, ApprovalPolicy policy, ApprovalPrompts prompts, Clock clock) {
    this.store = store;
    this.policy = policy;
    this.prompts = prompts;
    this.clock = clock;
  }

  public ApprovalPolicy policy() {
    return policy;
  }

  public ApprovalPrompts prompts() {
    return prompts;
  }

  /** Asks for approval of the operation (in REQUESTED): keeps the request, moves it to AWAITING_APPROVAL, prompts. */
  public ApprovalRequest ask(long operationId, String action, String target, Actor actor, String summary) {
    Instant now = clock.instant();
    ApprovalRequest request = ApprovalRequest.pending(operationId, action, target, actor.id(), summary, now,
        now.plus(policy.timeout()));
    store.recordApprovalRequest(request);
    store.transitionOperation(operationId, OperationState.REQUESTED, OperationState.AWAITING_APPROVAL,
        "waiting for an approver: /vast approve " + operationId + " or /vast deny " + operationId, now);
    prompts.asked(request);
    return request;
  }

  /** The outcome of a person's approve or deny; {@code request} is empty when there was none. */
  public record Decided(boolean counted, String message, Optional<ApprovalRequest> request) {}

  /**
   * Records a person's decision when it counts; a refused one changes nothing and says why.
   *
   * @param extraCheck a refusal of the action's own (e.g. only an approver may force a destroy
   *     without sync), or empty
   */
  public Decided decide(long operationId, Actor actor, ApprovalDecision decision, Optional<String> extraCheck) {
    Optional<ApprovalRequest> request = store.approvalRequest(operationId);
    if (request.isEmpty()) {
      return new Decided(false, "no approval request " + operationId, Optional.empty());
    }
    Optional<String> refusal = ApprovalGate.refusal(request.get(), actor, decision, policy, clock.instant())
        .or(() -> decision == ApprovalDecision.APPROVED ? extraCheck : Optional.empty());
    if (refusal.isPresent()) {
      expireIfDue(request.get());
      return new Decided(false, refusal.get(), request);
    }
    if (!store.decideApproval(operationId, decision, actor.id(), clock.instant())) {
      return new Decided(false, "request " + operationId + " was decided a moment ago by someone else", request);
    }
    OperationState next = decision == ApprovalDecision.APPROVED ? OperationState.APPROVED : OperationState.DENIED;
    store.transitionOperation(operationId, OperationState.AWAITING_APPROVAL, next,
        next.display() + " by " + actor.id(), clock.instant());
    store.appendAudit(new AuditEntry(clock.instant(), actor.id(),
        decision == ApprovalDecision.APPROVED ? "approve" : "deny", request.get().target(),
        request.get().action() + " " + operationId));
    prompts.decided(request.get(), actor.id(), decision);
    return new Decided(true, request.get().target() + ": " + request.get().action() + " " + operationId + " "
        + next.display() + " by " + actor.id(), request);
  }

  /**
   * Approves a pending request by a rule the team configured instead of a person (an autoscaler
   * group's {@code unattended_scale_down}); recorded as decided by {@code policy:<rule>}.
   */
  public Decided approveByPolicy(long operationId, String rule) {
    Optional<ApprovalRequest> request = store.approvalRequest(operationId);
    if (request.isEmpty() || !request.get().pending()) {
      return new Decided(false, "no pending approval request " + operationId, request);
    }
    String by = "policy:" + rule;
    if (!store.decideApproval(operationId, ApprovalDecision.APPROVED, by, clock.instant())) {
      return new Decided(false, "request " + operationId + " was decided a moment ago by someone else", request);
    }
    store.transitionOperation(operationId, OperationState.AWAITING_APPROVAL, OperationState.APPROVED,
        "approved by " + by, clock.instant());
    store.appendAudit(new AuditEntry(clock.instant(), by, "approve", request.get().target(),
        request.get().action() + " " + operationId));
    prompts.decided(request.get(), by, ApprovalDecision.APPROVED);
    return new Decided(true, request.get().target() + ": " + request.get().action() + " " + operationId
        + " approved by " + by, request);
  }

  /**
   * Ends a pending request that nobody can decide because its prompt could not be posted (Slack
   * refused it, or it was not delivered before the request would expire): recorded as expired by
   * {@value #UNDELIVERABLE}, its operation CANCELLED with {@code why}, audited. Nothing is done.
   * Returns the request when this call ended it (empty when it was decided meanwhile, or is none).
   */
  public Optional<ApprovalRequest> withdrawUndeliverable(long operationId, String why) {
    return withdraw(operationId, UNDELIVERABLE, "withdraw",
        "its approval prompt could not be posted to Slack (" + why + "); nothing was done");
  }

  /**
   * Ends a pending request that no longer stands for what is needed (the need, or its price, is
   * not what it was asked at): recorded as expired by {@value #SUPERSEDED}, its operation CANCELLED
   * with {@code why}, audited, its prompt edited to say so. Nothing is done. Returns the request
   * when this call ended it (empty when it was decided meanwhile, or is none).
   */
  public Optional<ApprovalRequest> supersede(long operationId, String why) {
    Optional<ApprovalRequest> ended = withdraw(operationId, SUPERSEDED, "supersede",
        "superseded: " + why + "; nothing was done");
    ended.flatMap(request -> store.operation(operationId)).ifPresent(prompts::ended);
    return ended;
  }

  private Optional<ApprovalRequest> withdraw(long operationId, String by, String action, String detail) {
    Optional<ApprovalRequest> request = store.approvalRequest(operationId).filter(ApprovalRequest::pending);
    if (request.isEmpty() || !store.decideApproval(operationId, ApprovalDecision.EXPIRED, by, clock.instant())) {
      return Optional.empty();
    }
    store.transitionOperation(operationId, OperationState.AWAITING_APPROVAL, OperationState.CANCELLED, detail,
        clock.instant());
    store.appendAudit(new AuditEntry(clock.instant(), by, action, request.get().target(),
        request.get().action() + " " + operationId + ": " + detail));
    return request;
  }

  /** Marks every pending request past its expiry as EXPIRED (its operation too); returns how many. */
  public int expireOverdue() {
    int expired = 0;
    for (ApprovalRequest request : store.pendingApprovals()) {
      if (expireIfDue(request)) {
        expired++;
      }
    }
    return expired;
  }

  /** Expires the request when it is past due and still pending; returns whether it did. */
  public boolean expireIfDue(ApprovalRequest request) {
    if (!request.expiredAt(clock.instant())
        || !store.decideApproval(request.operationId(), ApprovalDecision.EXPIRED, null, clock.instant())) {
      return false;
    }
    store.transitionOperation(request.operationId(), OperationState.AWAITING_APPROVAL, OperationState.EXPIRED,
        "nobody decided by " + request.expiresAt() + "; nothing was done", clock.instant());
    prompts.expired(request);
    return true;
  }

  /**
   * For an operation still in AWAITING_APPROVAL whose request was decided (a crash came in
   * between), moves it as the decision says; returns whether it moved.
   */
  public boolean settle(Operation operation) {
    Optional<ApprovalRequest> request = store.approvalRequest(operation.id());
    if (request.isEmpty()) {
      return false;
    }
    if (request.get().pending()) {
      return expireIfDue(request.get());
    }
    OperationState next = switch (request.get().decision()) {
      case APPROVED -> OperationState.APPROVED;
      case DENIED -> OperationState.DENIED;
      case EXPIRED -> OperationState.EXPIRED;
    };
    return store.transitionOperation(operation.id(), OperationState.AWAITING_APPROVAL, next,
        next.display() + (request.get().decidedBy() == null ? "" : " by " + request.get().decidedBy()),
        clock.instant());
  }

  static String name(ApprovalDecision decision) {
    return decision.name().toLowerCase(Locale.ROOT);
  }
}
