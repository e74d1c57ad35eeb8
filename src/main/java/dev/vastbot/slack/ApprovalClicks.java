package dev.vastbot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.vastbot.chat.command.CommandRouter;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.approval.ApprovalDecision;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Approve and Deny buttons of an approval prompt. A click is acknowledged at once; the
 * decision then runs on the work pool as the clicking user's, called typed ({@link
 * CommandRouter#decide}: the request id and the caller, no command text), so the router's rule and
 * audit and the decision's own checks hold. A click that does not count (not an approver, their
 * own request, already decided, expired) gets a polite ephemeral reason; the prompt itself is edited
 * by the approval prompts as the work goes. Thread-safe.
 */
final class ApprovalClicks {
  private static final Logger log = LoggerFactory.getLogger(SlackBot.class);
  private final CommandRouter router;
  private final Acknowledgements acks;
  private final ExecutorService work;

  ApprovalClicks(CommandRouter router, Acknowledgements acks, ExecutorService work) {
    this.router = router;
    this.acks = acks;
    this.work = work;
  }

  /** Bolt's handler for a click on {@link SlackApprovalPrompts#APPROVE} or {@link SlackApprovalPrompts#DENY}. */
  Response onClick(BlockActionRequest request, ActionContext context) {
    var payload = request.getPayload();
    var action = payload.getActions().get(0);
    String user = payload.getUser().getId();
    String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
    if (channel == null) {
      return context.ack();
    }
    Caller caller = Caller.slack(user, channel, SlackBot.directMessage(channel, payload.getChannel().getName()));
    if (!acks.firstDelivery("action:" + action.getActionTs() + ":" + user + ":" + action.getActionId())) {
      return context.ack();
    }
    ApprovalDecision decision = action.getActionId().equals(SlackApprovalPrompts.APPROVE)
        ? ApprovalDecision.APPROVED : ApprovalDecision.DENIED;
    OptionalLong requestId = requestId(action.getValue());
    if (requestId.isEmpty()) {
      return context.ack();
    }
    try {
      work.submit(() -> {
        Reply reply = Acknowledgements.replyOf(() -> router.decide(decision, requestId.getAsLong(), caller));
        if (reply.failed()) {
          acks.respond(context.getResponseUrl(), reply, "ephemeral");
        }
      });
    } catch (RejectedExecutionException stopping) {
      log.warn("a click arrived while stopping; not run");
    }
    return context.ack();
  }

  /** The request id a button carries (the prompt's own: a whole number); empty for anything else. */
  static OptionalLong requestId(String value) {
    if (value == null || !value.matches("\\d{1,19}")) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value));
    } catch (NumberFormatException beyondLong) {
      return OptionalLong.empty();
    }
  }
}
