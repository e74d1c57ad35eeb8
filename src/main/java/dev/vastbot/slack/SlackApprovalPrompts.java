package dev.vastbot.slack;

import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.ApprovalStore;
import dev.vastbot.fleet.text.SafeText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval prompts in the team channel: one message per request with Approve (behind a confirm
 * dialog) and Deny buttons, edited in place to show who decided, then the sync's progress (at most
 * one edit every {@value #EDIT_EVERY_SECONDS} s), then the outcome, or that it expired. How each
 * step looks is {@link ApprovalPromptMessages}'s. Everything goes through the {@link SlackOutbox}:
 * the prompt is queued under its request's key and delivered until the request expires, and every
 * edit names it by that key, so it edits the message Slack posted (by channel id and ts), also
 * after a restart. A prompt that cannot be delivered is handed to {@link #whenUndeliverable}.
 */
public final class SlackApprovalPrompts implements ApprovalPrompts {
  /** The button action ids; a button's value is the request id. */
  public static final String APPROVE = ApprovalPromptMessages.APPROVE;
  public static final String DENY = ApprovalPromptMessages.DENY;
  static final int EDIT_EVERY_SECONDS = 2;
  private static final Logger log = LoggerFactory.getLogger(SlackApprovalPrompts.class);
  private static final String PROMPT_KEY = "prompt:";
  private final SlackOutbox outbox;
  private final String channel;
  private final ApprovalStore store;
  private final Clock clock;
  private final Map<Long, Instant> lastEdit = new ConcurrentHashMap<>();
  private volatile Withdrawal withdrawal = (operationId, why) -> Optional.empty();

  /**
   * Ends a request whose prompt could not be posted (nobody can click it); the request when it
   * ended it ({@code ApprovalDesk::withdrawUndeliverable}).
   */
  @FunctionalInterface
  public interface Withdrawal {
    Optional<ApprovalRequest> withdraw(long operationId, String why);
  }

  /**
   * @param outbox where the prompts and their edits are queued
   * @param channel the channel id prompts are posted in
   */
  public SlackApprovalPrompts(SlackOutbox outbox, String channel, ApprovalStore store, Clock clock) {
    this.outbox = outbox;
    this.channel = channel;
    this.store = store;
    this.clock = clock;
  }

  /** Sets how a request whose prompt Slack would not take is ended (the bot's wiring sets it once). */
  public void whenUndeliverable(Withdrawal handler) {
    this.withdrawal = handler;
  }

  /**
   * The outbox's news of a message not delivered. A prompt's request is withdrawn ({@link
   * #whenUndeliverable}) and its requester told: a Slack user by a direct message from the bot,
   * anyone else in the log. Returns whether it was a prompt.
   */
  public boolean undelivered(OutboxMessage message, String why) {
    if (message.kind() != OutboxMessage.Kind.POST || message.key() == null || !message.key().startsWith(PROMPT_KEY)) {
      return false;
    }
    long operationId = Long.parseLong(message.key().substring(PROMPT_KEY.length()));
    withdrawal.withdraw(operationId, why).ifPresent(request -> tellRequester(request, why));
    return true;
  }

  /** The outbox key of a request's prompt. */
  static String promptKey(long operationId) {
    return PROMPT_KEY + operationId;
  }

  @Override
  public void asked(ApprovalRequest request) {
    outbox.post(channel, promptKey(request.operationId()), messages(request).asked(), request.expiresAt());
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
    if (outbox.queued(promptKey(operationId))) {
      outbox.update(channel, promptKey(operationId), message, outbox.defaultDeadline());
    }
  }

  private void tellRequester(ApprovalRequest request, String why) {
    String text = (request.action().equals("terminate") ? "Termination " : "Provision ") + request.operationId()
        + " of " + request.target() + " was not put to the approvers: its prompt could not be posted in Slack ("
        + why + "). Nothing was done; ask again once Slack takes the bot's messages.";
    if (!EscapedText.isUserId(request.requestedBy())) {
      log.warn(SafeText.forTerminal(text));
      return;
    }
    outbox.post(request.requestedBy(), null, AlertMessages.shown(":x: ", text), outbox.defaultDeadline());
  }
}
