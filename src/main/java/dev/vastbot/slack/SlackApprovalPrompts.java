package dev.vastbot.slack;

import com.slack.api.methods.MethodsClient;
import dev.vastbot.fleet.FleetStore;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalPrompts;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.approval.PromptRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Approval prompts in the team channel: one message per request with Approve (behind a confirm
 * dialog) and Deny buttons, edited in place to show who decided, then the sync's progress (at most
 * one edit every {@value #EDIT_EVERY_SECONDS} s), then the outcome, or that it expired. How each
 * step looks is {@link ApprovalPromptMessages}'s. Where a prompt was posted is kept in the store,
 * so a restart edits the same message. A Slack answer with {@code ok: false} is a failure (logged;
 * the request stays decidable by {@code /vast approve}); a 429 is retried after its {@code
 * Retry-After}.
 */
public final class SlackApprovalPrompts implements ApprovalPrompts {
  /** The button action ids; a button's value is the request id. */
  public static final String APPROVE = ApprovalPromptMessages.APPROVE;
  public static final String DENY = ApprovalPromptMessages.DENY;
  static final int EDIT_EVERY_SECONDS = 2;
  private final SlackCalls slack;
  private final String channel;
  private final FleetStore store;
  private final Clock clock;
  private final Map<Long, Instant> lastEdit = new ConcurrentHashMap<>();

  public SlackApprovalPrompts(MethodsClient client, String channel, FleetStore store, Clock clock) {
    this.slack = new SlackCalls(client);
    this.channel = channel;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void asked(ApprovalRequest request) {
    slack.post(channel, messages(request).asked())
        .ifPresent(ts -> store.recordApprovalPrompt(request.operationId(), new PromptRef(channel, ts)));
  }

  @Override
  public void decided(ApprovalRequest request, String decidedBy, ApprovalDecision decision) {
    edit(request.operationId(), messages(request).decided(decidedBy, decision));
  }

  @Override
  public void expired(ApprovalRequest request) {
    edit(request.operationId(), messages(request).expired());
  }

  @Override
  public void progress(long operationId, String text) {
    Instant now = clock.instant();
    Instant last = lastEdit.get(operationId);
    if (last != null && Duration.between(last, now).getSeconds() < EDIT_EVERY_SECONDS) {
      return;
    }
    lastEdit.put(operationId, now);
    store.approvalRequest(operationId).ifPresent(request -> edit(operationId, messages(request).progress(text)));
  }

  @Override
  public void ended(Operation operation) {
    lastEdit.remove(operation.id());
    store.approvalRequest(operation.id())
        .ifPresent(request -> edit(operation.id(), messages(request).ended(operation)));
  }

  /** The request's look; a termination's from its record, which says whether it is forced without copying. */
  private ApprovalPromptMessages messages(ApprovalRequest request) {
    boolean withoutCopy = store.termination(request.operationId()).map(TerminationRecord::forceWithoutSync)
        .orElse(false);
    return new ApprovalPromptMessages(request, withoutCopy);
  }

  private void edit(long operationId, SlackMessage message) {
    Optional<PromptRef> prompt = store.approvalPrompt(operationId);
    if (prompt.isEmpty()) {
      return;
    }
    slack.update(prompt.get(), message);
  }
}
