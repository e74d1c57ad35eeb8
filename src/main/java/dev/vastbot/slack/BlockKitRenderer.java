package dev.vastbot.slack;

import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;

import com.slack.api.model.block.LayoutBlock;
import dev.vastbot.chat.view.Block;
import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paging;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders a reply as Block Kit, the Slack sink of the replies that {@code TextRenderer} prints on
 * a console: a heading becomes a header, a paragraph or notice {@code plain_text} sections (a reply
 * carries host and user text, which must not be formatted: see {@link TextObjects}), a table
 * aligned code blocks. All text is escaped once ({@link EscapedText}: a host cannot mention, link or
 * ping), and the message keeps within Slack's limits: at most {@value #MAX_BLOCKS} blocks, a
 * section text at most {@value TextSections#MAX_SECTION_CHARS} characters, a header {@value
 * #MAX_HEADER_CHARS}, and {@value #MAX_MESSAGE_CHARS} characters of text in all (Slack refuses
 * long block payloads with {@code msg_blocks_too_long} well before its 40,000-character text
 * cap). What does not fit is counted in a context line; a paged table shows its first page and
 * names the command for the next. Stateless and thread-safe.
 */
public final class BlockKitRenderer implements ReplyBlocks {
  static final int MAX_BLOCKS = BlockKitLimits.MAX_BLOCKS;
  static final int MAX_HEADER_CHARS = BlockKitLimits.MAX_HEADER_CHARS;
  static final int MAX_MESSAGE_CHARS = BlockKitLimits.MAX_MESSAGE_CHARS;
  static final int MAX_FALLBACK_CHARS = 150;
  /** A reply block is only started with at least this much text room left. */
  private static final int MIN_ROOM_CHARS = MAX_HEADER_CHARS;

  /** The blocks of one message showing {@code reply}. */
  @Override
  public List<LayoutBlock> render(Reply reply) {
    var message = new MessageRoom(MAX_BLOCKS, MAX_MESSAGE_CHARS);
    List<Block> blocks = reply.blocks();
    for (int next = 0; next < blocks.size(); next++) {
      if (!message.fits(MIN_ROOM_CHARS)) {
        return message.finish(EscapedText.of("… " + count(blocks.size() - next, "more block") + " not shown"));
      }
      renderBlock(blocks.get(next), message);
    }
    return message.finish(EscapedText.EMPTY);
  }

  /**
   * The message's plain {@code text}, which Slack shows in notifications and where blocks cannot
   * be shown: the first line of the reply's first block, escaped, at most {@value
   * #MAX_FALLBACK_CHARS} characters.
   */
  @Override
  public String fallbackText(Reply reply) {
    return reply.blocks().stream().map(BlockKitRenderer::summary).filter(text -> !text.isBlank())
        .findFirst().map(text -> EscapedText.line(text, MAX_FALLBACK_CHARS).text()).orElse("(empty reply)");
  }

  private static void renderBlock(Block block, MessageRoom message) {
    if (block instanceof Heading heading) {
      renderHeading(heading, message);
    } else if (block instanceof Paragraph paragraph) {
      renderSections(EscapedText.of(paragraph.text()), message);
    } else if (block instanceof Notice notice) {
      renderSections(EscapedText.of(label(notice.level())).plus(notice.text()), message);
    } else if (block instanceof Table table) {
      renderTable(table, message);
    }
  }

  private static void renderHeading(Heading heading, MessageRoom message) {
    EscapedText text = EscapedText.line(heading.text(), MAX_HEADER_CHARS);
    if (!text.isBlank()) {
      message.add(header(h -> h.text(TextObjects.plain(text))), text.length());
    }
  }

  private static void renderSections(EscapedText escaped, MessageRoom message) {
    if (escaped.isBlank()) {
      return;
    }
    for (EscapedText text : TextSections.split(escaped, message.blocksLeft(), message.charsLeft())) {
      message.add(section(s -> s.text(TextObjects.plain(text))), text.length());
    }
  }

  private static void renderTable(Table table, MessageRoom message) {
    boolean mayNeedNote = !table.rows().isEmpty();
    var layout = TableSections.layOut(table, message.blocksLeft() - (mayNeedNote ? 1 : 0),
        message.charsLeft() - (mayNeedNote ? MessageRoom.NOTE_CHARS : 0));
    for (EscapedText text : layout.sections()) {
      message.add(section(s -> s.text(TextObjects.mrkdwn(text))), text.length());
    }
    if (layout.shownRows() < table.rows().size()) {
      message.addNote(rowsNote(layout.shownRows(), table.rows().size(), table.paging()));
    }
  }

  /** "… 975 more rows: /vast list --page 2" when the next page starts where the cut is. */
  private static EscapedText rowsNote(int shown, int total, Optional<Paging> paging) {
    String left = count(total - shown, shown == 0 ? "row" : "more row");
    return EscapedText.of(paging.filter(p -> shown > 0 && shown % p.pageSize() == 0)
        .map(p -> "… " + left + ": " + p.pageCommand(shown / p.pageSize() + 1))
        .orElse("… " + left + " not shown"));
  }

  private static String label(Notice.Level level) {
    return switch (level) {
      case SUCCESS -> ":white_check_mark: ";
      case INFO -> "";
      case WARNING -> ":warning: ";
      case ERROR -> ":x: ";
    };
  }

  private static String summary(Block block) {
    if (block instanceof Heading heading) {
      return firstLine(heading.text());
    } else if (block instanceof Paragraph paragraph) {
      return firstLine(paragraph.text());
    } else if (block instanceof Notice notice) {
      return fallbackLabel(notice.level()) + firstLine(notice.text());
    } else if (block instanceof Table table) {
      return "A table of " + count(table.rows().size(), "row");
    }
    return "";
  }

  private static String fallbackLabel(Notice.Level level) {
    return switch (level) {
      case SUCCESS -> "OK: ";
      case INFO -> "";
      case WARNING -> "Warning: ";
      case ERROR -> "Error: ";
    };
  }

  private static String firstLine(String text) {
    String line = text == null ? "" : text.strip();
    int end = line.indexOf('\n');
    return end < 0 ? line : line.substring(0, end);
  }

  private static String count(int number, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", number, noun, number == 1 ? "" : "s");
  }
}
