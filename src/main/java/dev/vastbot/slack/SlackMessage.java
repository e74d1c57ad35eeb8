package dev.vastbot.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;

/**
 * One message as the bot sends it (a post, an update, a thread reply, a command's answer): its
 * blocks and the plain {@code text} Slack shows in notifications and where blocks cannot be shown.
 * Both carry escaped text only. Send it through {@link BlockKitLimits#fit} last, so that it keeps
 * within Slack's limits. Immutable as a value (the blocks are the SDK's beans: do not change them
 * after building).
 *
 * @param text the fallback text, already escaped; never null
 * @param blocks the Block Kit blocks; never null, may be empty
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {
  public SlackMessage {
    Objects.requireNonNull(text, "text");
    blocks = List.copyOf(blocks);
  }

  /** A message of {@code blocks} with {@code fallback} as its text. */
  public static SlackMessage of(EscapedText fallback, List<LayoutBlock> blocks) {
    return new SlackMessage(fallback.text(), blocks);
  }
}
