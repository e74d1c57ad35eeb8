package dev.vastbot.slack;

import com.slack.api.model.block.LayoutBlock;
import dev.vastbot.chat.view.Reply;
import java.util.List;

/** Turns a reply into Block Kit for Slack, within Slack's limits, with host text escaped once. */
public interface ReplyBlocks {
  List<LayoutBlock> render(Reply reply);

  /** The plain text Slack shows in notifications and where blocks cannot be shown. */
  String fallbackText(Reply reply);

  /** The message that answers with {@code reply}, fitted to Slack's limits ({@link BlockKitLimits#fit}). */
  default SlackMessage message(Reply reply) {
    return BlockKitLimits.fit(new SlackMessage(fallbackText(reply), render(reply)));
  }
}
