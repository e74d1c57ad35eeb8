package dev.vastbot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.vastbot.fleet.FleetStore;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalPrompts;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.text.SafeText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Approval prompts in the team channel: one message per request with Approve (behind a confirm
 * dialog) and Deny buttons, edited in place to show who decided, then the sync's progress (at most
 * one edit every {@value #EDIT_EVERY_SECONDS} s), then the outcome, or that it expired. Everything
 * goes through the {@link SlackOutbox}: the prompt is queued under its request's key and delivered
 * until the request expires, and every edit names it by that key, so it edits the message Slack
 * posted (by channel id and ts), also after a restart. A prompt that cannot be delivered is handed
 * to {@link #whenUndeliverable}.
 */
public final class SlackApprovalPrompts implements ApprovalPrompts {
  /** The button action ids; a button's value is the request id. */
  public static final String APPROVE = "vastbot_approve";
  public static final String DENY = "vastbot_deny";
  static final int EDIT_EVERY_SECONDS = 2;
  private static final System.Logger log = System.getLogger(SlackApprovalPrompts.class.getName());
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
  private static final String PROMPT_KEY = "prompt:";
  private final SlackOutbox outbox;
  private final String channel;
  private final FleetStore store;
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
  public SlackApprovalPrompts(SlackOutbox outbox, String channel, FleetStore store, Clock clock) {
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
  public boolean undelivered(dev.vastbot.fleet.outbox.OutboxMessage message, String why) {
    if (message.kind() != dev.vastbot.fleet.outbox.OutboxMessage.Kind.POST || message.key() == null
        || !message.key().startsWith(PROMPT_KEY)) {
      return false;
    }
    long operationId = Long.parseLong(message.key().substring(PROMPT_KEY.length()));
    withdrawal.withdraw(operationId, why).ifPresent(request -> tellRequester(request, why));
    return true;
  }

  private void tellRequester(ApprovalRequest request, String why) {
    String text = (terminating(request) ? "Termination " : "Provision ") + request.operationId() + " of "
        + request.target() + " was not put to the approvers: its prompt could not be posted in Slack (" + why
        + "). Nothing was done; ask again once Slack takes the bot's messages.";
    if (!USER_ID.matcher(request.requestedBy()).matches()) {
      log.log(System.Logger.Level.WARNING, SafeText.forTerminal(text));
      return;
    }
    String escaped = SafeText.forSlack(text);
    outbox.post(request.requestedBy(), null, escaped, List.of(section(s -> s.text(markdownText(":x: " + escaped)))),
        outbox.defaultDeadline());
  }

  /** The outbox key of a request's prompt. */
  static String promptKey(long operationId) {
    return PROMPT_KEY + operationId;
  }

  @Override
  public void asked(ApprovalRequest request) {
    List<LayoutBlock> blocks = new ArrayList<>(summary(request));
    blocks.add(actions(a -> a.blockId("decide_" + request.operationId()).elements(List.of(
        button(b -> b.actionId(APPROVE).value(Long.toString(request.operationId())).style("danger")
            .text(plainText("Approve")).confirm(confirmationDialog(c -> c.title(plainText(
                terminating(request) ? "Terminate?" : "Provision?"))
                .text(markdownText(terminating(request) ? SafeText.forSlack(request.target())
                    + " will be destroyed after its data is copied and verified."
                    : SafeText.forSlack(request.summary())))
                .confirm(plainText("Approve")).deny(plainText("Cancel")).style("danger")))),
        button(b -> b.actionId(DENY).value(Long.toString(request.operationId())).text(plainText("Deny")))))));
    outbox.post(channel, promptKey(request.operationId()), fallback(request, "awaiting approval"), blocks,
        request.expiresAt());
  }

  @Override
  public void decided(ApprovalRequest request, String decidedBy, ApprovalDecision decision) {
    String who = USER_ID.matcher(decidedBy).matches() ? "<@" + decidedBy + ">" : SafeText.forSlack(decidedBy);
    edit(request.operationId(), request, (decision == ApprovalDecision.APPROVED ? ":white_check_mark: Approved"
        : ":no_entry: Denied") + " by " + who + (decision == ApprovalDecision.DENIED ? "; the instance is kept." : "."));
  }

  @Override
  public void expired(ApprovalRequest request) {
    edit(request.operationId(), request, ":hourglass: Expired: nobody decided by " + request.expiresAt()
        + "; nothing was done.");
  }

  @Override
  public void progress(long operationId, String text) {
    Instant now = clock.instant();
    Instant last = lastEdit.get(operationId);
    if (last != null && Duration.between(last, now).getSeconds() < EDIT_EVERY_SECONDS) {
      return;
    }
    lastEdit.put(operationId, now);
    store.approvalRequest(operationId).ifPresent(request -> edit(operationId, request,
        ":arrows_counterclockwise: " + SafeText.forSlack(text)));
  }

  @Override
  public void ended(Operation operation) {
    lastEdit.remove(operation.id());
    String outcome = operation.state() == OperationState.SUCCEEDED
        ? ":white_check_mark: " + (operation.kind().equals("terminate") ? "Destroyed after a verified copy. " : "Done. ")
            + SafeText.forSlack(operation.detail())
        : ":x: Stopped (" + operation.state().display() + "): " + SafeText.forSlack(operation.detail())
            + ". The instance is kept.";
    store.approvalRequest(operation.id()).ifPresent(request -> edit(operation.id(), request, outcome));
  }

  private void edit(long operationId, ApprovalRequest request, String status) {
    if (!outbox.queued(promptKey(operationId))) {
      return;
    }
    List<LayoutBlock> blocks = new ArrayList<>(summary(request));
    blocks.add(section(s -> s.text(markdownText(status))));
    outbox.update(channel, promptKey(operationId), fallback(request, status), blocks, outbox.defaultDeadline());
  }

  private static List<LayoutBlock> summary(ApprovalRequest request) {
    return List.of(
        section(s -> s.text(markdownText(":warning: *" + (terminating(request) ? "Termination " : "Provision ")
            + request.operationId() + "* of " + SafeText.forSlack(request.target()) + "\n"
            + SafeText.forSlack(request.summary())))),
        context(c -> c.elements(List.of(markdownText("Request " + request.operationId() + " · asked by "
            + (USER_ID.matcher(request.requestedBy()).matches() ? "<@" + request.requestedBy() + ">"
                : SafeText.forSlack(request.requestedBy())) + " · expires " + request.expiresAt())))));
  }

  private static String fallback(ApprovalRequest request, String status) {
    return SafeText.forSlack((terminating(request) ? "Termination " : "Provision ") + request.operationId() + " of "
        + request.target() + ": " + status);
  }

  private static boolean terminating(ApprovalRequest request) {
    return request.action().equals("terminate");
  }
}
