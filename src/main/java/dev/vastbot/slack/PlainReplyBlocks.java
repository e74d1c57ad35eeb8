package dev.vastbot.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.vastbot.fleet.text.SafeText;
import dev.vastbot.fleet.view.Reply;
import dev.vastbot.fleet.view.TextRenderer;
import java.util.List;

/** The console's text in one monospace section, escaped and capped: the simplest safe rendering. */
final class PlainReplyBlocks implements ReplyBlocks {
  private static final int MAX_TEXT = 2900;
  private final TextRenderer text = new TextRenderer();

  @Override
  public List<LayoutBlock> render(Reply reply) {
    String body = SafeText.forSlack(text.render(reply).stripTrailing());
    if (body.length() > MAX_TEXT) {
      body = body.substring(0, MAX_TEXT) + "\n… (cut)";
    }
    String shown = "```" + body + "```";
    return List.of(section(s -> s.text(markdownText(shown))));
  }

  @Override
  public String fallbackText(Reply reply) {
    String summary = reply.summary();
    return SafeText.forSlack(summary.isEmpty() ? "vastbot" : summary);
  }
}
