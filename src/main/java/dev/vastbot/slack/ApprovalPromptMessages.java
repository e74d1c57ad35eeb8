package dev.vastbot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * How one approval prompt looks at each step: asked (with Approve, behind a confirm dialog, and
 * Deny), decided, the work's progress, expired, ended. Every step shows the request (what, of
 * what, why, asked by whom, until when) above its status. A termination that destroys without
 * copying the data says "WITHOUT copying its data" in the prompt, the confirm dialog and the
 * outcome. Outside text (target, summary, progress, details) is escaped once and shown as {@code
 * plain_text}; the messages are not yet fitted ({@link BlockKitLimits#fit} is the sender's). Pure,
 * immutable and thread-safe.
 */
public final class ApprovalPromptMessages {
  /** The button action ids; a button's value is the request id. */
  public static final String APPROVE = "vastbot_approve";
  public static final String DENY = "vastbot_deny";
  /** How much of the target the confirm dialog (300 characters in all) shows. */
  private static final int DIALOG_TARGET_CHARS = 120;
  private final ApprovalRequest request;
  private final boolean withoutCopy;

  /**
   * @param withoutCopy whether the request is a termination forced without copying its data
   *     ({@code TerminationRecord.forceWithoutSync})
   */
  public ApprovalPromptMessages(ApprovalRequest request, boolean withoutCopy) {
    this.request = request;
    this.withoutCopy = withoutCopy && terminating(request);
  }

  /** The new prompt, with its buttons. */
  public SlackMessage asked() {
    List<LayoutBlock> blocks = new ArrayList<>(summary());
    String id = Long.toString(request.operationId());
    blocks.add(actions(a -> a.blockId("decide_" + id).elements(List.of(
        button(b -> b.actionId(APPROVE).value(id).style("danger").text(TextObjects.plain("Approve"))
            .confirm(confirmationDialog(c -> c.title(TextObjects.plain(dialogTitle()))
                .text(TextObjects.plain(dialogText())).confirm(TextObjects.plain("Approve"))
                .deny(TextObjects.plain("Cancel")).style("danger")))),
        button(b -> b.actionId(DENY).value(id).text(TextObjects.plain("Deny")))))));
    return SlackMessage.of(fallback(EscapedText.of("awaiting approval")), blocks);
  }

  /** Someone decided: who, and what it means. */
  public SlackMessage decided(String decidedBy, ApprovalDecision decision) {
    boolean approved = decision == ApprovalDecision.APPROVED;
    EscapedText status = EscapedText.of(approved ? ":white_check_mark: Approved by " : ":no_entry: Denied by ")
        .plus(EscapedText.mention(decidedBy))
        .plus(approved ? "." : terminating(request) ? "; the instance is kept." : "; nothing is rented.");
    return withStatus(status, EscapedText.isUserId(decidedBy) ? TextObjects.mrkdwn(status) : TextObjects.plain(status));
  }

  /** Nobody decided in time. */
  public SlackMessage expired() {
    return withStatus(EscapedText.of(":hourglass: Expired: nobody decided by " + request.expiresAt()
        + "; nothing was done."));
  }

  /** How the approved work goes ("syncing: 3 of 12 files, …"). */
  public SlackMessage progress(String text) {
    return withStatus(EscapedText.of(":arrows_counterclockwise: ").plus(text));
  }

  /** The approved work ended: done (destroyed), or stopped with its reason. */
  public SlackMessage ended(Operation operation) {
    EscapedText status;
    if (operation.state() == OperationState.SUCCEEDED) {
      status = EscapedText.of(!terminating(request) ? ":white_check_mark: Done. "
          : withoutCopy ? ":warning: Destroyed WITHOUT copying its data. "
          : ":white_check_mark: Destroyed after a verified copy. ").plus(operation.detail());
    } else {
      status = EscapedText.of(":x: Stopped (" + operation.state().display() + "): ").plus(operation.detail())
          .plus(terminating(request) ? ". The instance is kept." : ".");
    }
    return withStatus(status);
  }

  private SlackMessage withStatus(EscapedText status) {
    return withStatus(status, TextObjects.plain(status));
  }

  private SlackMessage withStatus(EscapedText status, TextObject shown) {
    List<LayoutBlock> blocks = new ArrayList<>(summary());
    blocks.add(section(s -> s.text(shown)));
    return SlackMessage.of(fallback(status), blocks);
  }

  private List<LayoutBlock> summary() {
    EscapedText what = EscapedText.of(":warning: " + kind() + " " + request.operationId() + " of ")
        .plus(request.target()).plus(withoutCopy ? ", WITHOUT copying its data" : "")
        .plus("\n").plus(request.summary());
    EscapedText asked = EscapedText.of("Request " + request.operationId() + " · asked by ")
        .plus(EscapedText.mention(request.requestedBy())).plus(" · expires " + request.expiresAt());
    TextObject askedShown = EscapedText.isUserId(request.requestedBy()) ? TextObjects.mrkdwn(asked)
        : TextObjects.plain(asked);
    List<ContextBlockElement> said = new ArrayList<>(List.of(askedShown));
    decision().ifPresent(said::add);
    return List.of(section(s -> s.text(TextObjects.plain(what))), context(c -> c.elements(said)));
  }

  /**
   * Who decided, once someone did: every later edit carries it, so an edit that replaces the
   * "Approved by" one before Slack saw it loses nothing.
   */
  private java.util.Optional<ContextBlockElement> decision() {
    if (request.decision() == null || request.decidedBy() == null) {
      return java.util.Optional.empty();
    }
    EscapedText by = EscapedText.of(request.decision().name().charAt(0)
        + request.decision().name().substring(1).toLowerCase(java.util.Locale.ROOT) + " by ")
        .plus(EscapedText.mention(request.decidedBy()));
    return java.util.Optional.of(EscapedText.isUserId(request.decidedBy()) ? TextObjects.mrkdwn(by)
        : TextObjects.plain(by));
  }

  private String dialogTitle() {
    return !terminating(request) ? "Provision?" : withoutCopy ? "Terminate WITHOUT copying?" : "Terminate?";
  }

  private EscapedText dialogText() {
    if (!terminating(request)) {
      return EscapedText.of(request.summary());
    }
    return EscapedText.line(request.target(), DIALOG_TARGET_CHARS).plus(withoutCopy
        ? " will be destroyed WITHOUT copying its data." : " will be destroyed after its data is copied and verified.");
  }

  private EscapedText fallback(EscapedText status) {
    return EscapedText.of(kind() + " " + request.operationId() + " of ").plus(request.target()).plus(": ").plus(status);
  }

  private String kind() {
    return terminating(request) ? "Termination" : "Provision";
  }

  private static boolean terminating(ApprovalRequest request) {
    return request.action().equals("terminate");
  }
}
