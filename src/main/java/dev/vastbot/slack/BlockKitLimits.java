package dev.vastbot.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.TextObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Block Kit's limits, enforced in one place for every message the bot sends: call {@link #fit}
 * last, just before a message goes out (a post, an update, a thread reply, an acknowledgement, a
 * response_url answer), so that no sender can forget a limit and Slack never refuses a message
 * for its size.
 *
 * <p>The limits (docs.slack.dev, Block Kit reference): section text {@value #MAX_SECTION_CHARS}
 * characters, fields {@value #MAX_FIELDS} × {@value #MAX_FIELD_CHARS}, header {@value
 * #MAX_HEADER_CHARS}, context elements {@value #MAX_CONTEXT_ELEMENTS}, actions elements {@value
 * #MAX_ACTION_ELEMENTS}, button text {@value #MAX_BUTTON_TEXT_CHARS} and value {@value
 * #MAX_BUTTON_VALUE_CHARS}, confirm dialog title {@value #MAX_CONFIRM_TITLE_CHARS}, text {@value
 * #MAX_CONFIRM_TEXT_CHARS}, buttons {@value #MAX_CONFIRM_BUTTON_CHARS}, {@value #MAX_BLOCKS} blocks
 * and a fallback text of {@value #MAX_FALLBACK_CHARS}; and, since Slack refuses long block payloads
 * with {@code msg_blocks_too_long} well before that, at most {@value #MAX_MESSAGE_CHARS}
 * characters of block text in all. Long text is cut with "… (N more characters)"; blocks past the
 * count or the budget are left out and counted in a closing note, except an actions block (a
 * prompt's buttons), which is always kept. Every {@code mrkdwn} object leaves as {@code verbatim}.
 *
 * <p>Fitting changes no escaping (texts are escaped once, by {@link EscapedText}) and cuts never
 * split an entity or a surrogate pair. Fitting a fitted message changes nothing. Pure and
 * thread-safe.
 */
public final class BlockKitLimits {
  public static final int MAX_BLOCKS = 50;
  public static final int MAX_SECTION_CHARS = 3000;
  public static final int MAX_HEADER_CHARS = 150;
  public static final int MAX_FIELDS = 10;
  public static final int MAX_FIELD_CHARS = 2000;
  public static final int MAX_CONTEXT_ELEMENTS = 10;
  public static final int MAX_ACTION_ELEMENTS = 25;
  public static final int MAX_BUTTON_TEXT_CHARS = 75;
  public static final int MAX_BUTTON_VALUE_CHARS = 2000;
  public static final int MAX_BUTTON_URL_CHARS = 3000;
  public static final int MAX_CONFIRM_TITLE_CHARS = 100;
  public static final int MAX_CONFIRM_TEXT_CHARS = 300;
  public static final int MAX_CONFIRM_BUTTON_CHARS = 30;
  public static final int MAX_FALLBACK_CHARS = 40_000;
  /** Block text in one message, all blocks together (against {@code msg_blocks_too_long}). */
  public static final int MAX_MESSAGE_CHARS = 12_000;
  /** A block that does not fit whole is cut only when at least this much room is left. */
  private static final int MIN_CUT_ROOM = 200;
  /** Room kept for the closing note. */
  private static final int NOTE_CHARS = 100;

  private BlockKitLimits() {}

  /** {@code message} within Slack's limits, as a new message (the given one is not changed). */
  public static SlackMessage fit(SlackMessage message) {
    List<LayoutBlock> blocks = message.blocks().stream().map(BlockFitter::fit).toList();
    if (blocks.size() > MAX_BLOCKS || textChars(blocks) > MAX_MESSAGE_CHARS) {
      blocks = withinBudget(blocks);
    }
    return new SlackMessage(TextCuts.cut(message.text(), MAX_FALLBACK_CHARS), blocks);
  }

  /** The blocks that fit the count and the budget, in order, with a note of how many did not. */
  private static List<LayoutBlock> withinBudget(List<LayoutBlock> blocks) {
    int actionsLeft = (int) blocks.stream().filter(ActionsBlock.class::isInstance).count();
    int charsLeft = MAX_MESSAGE_CHARS - NOTE_CHARS;
    var kept = new ArrayList<LayoutBlock>();
    int dropped = 0;
    for (LayoutBlock block : blocks) {
      if (block instanceof ActionsBlock) {
        kept.add(block);
        actionsLeft--;
        continue;
      }
      int chars = textChars(List.of(block));
      boolean room = dropped == 0 && kept.size() + actionsLeft < MAX_BLOCKS - 1;
      if (room && chars <= charsLeft) {
        kept.add(block);
        charsLeft -= chars;
      } else if (room && charsLeft >= MIN_CUT_ROOM && cuttable(block)) {
        kept.add(BlockFitter.fit(cutTo(block, charsLeft)));
        charsLeft = 0;
      } else {
        dropped++;
      }
    }
    if (dropped > 0) {
      String note = String.format(Locale.ROOT, "… %,d more block%s not shown", dropped, dropped == 1 ? "" : "s");
      kept.add(ContextBlock.builder().elements(List.of(TextObjects.plain(note))).build());
    }
    return List.copyOf(kept);
  }

  private static boolean cuttable(LayoutBlock block) {
    return block instanceof SectionBlock;
  }

  /**
   * A copy of a section within {@code maxChars}: its text cut (to half the room when it has fields),
   * then the fields that still fit, and a last one that counts those left out.
   */
  private static LayoutBlock cutTo(LayoutBlock block, int maxChars) {
    var section = (SectionBlock) block;
    List<TextObject> fields = section.getFields() == null ? List.of() : section.getFields();
    int textRoom = fields.isEmpty() ? maxChars : maxChars / 2;
    TextObject text = section.getText() == null ? null
        : withText(section.getText(), TextCuts.cut(section.getText().getText(), textRoom));
    int left = maxChars - length(text) - NOTE_CHARS;
    var kept = new ArrayList<TextObject>();
    for (TextObject field : fields) {
      if (kept.size() == MAX_FIELDS - 1 || length(field) > left) {
        break;
      }
      kept.add(field);
      left -= length(field);
    }
    if (kept.size() < fields.size()) {
      kept.add(TextObjects.plain("… " + (fields.size() - kept.size()) + " more not shown"));
    }
    return new SectionBlock(text, section.getBlockId(), fields.isEmpty() ? null : kept, section.getAccessory(),
        section.getExpand());
  }

  private static TextObject withText(TextObject like, String escaped) {
    EscapedText text = EscapedText.alreadyEscaped(escaped);
    return like instanceof com.slack.api.model.block.composition.MarkdownTextObject ? TextObjects.mrkdwn(text)
        : TextObjects.plain(text);
  }

  /** Characters of text in headers, sections (text and fields) and context elements. */
  static int textChars(List<LayoutBlock> blocks) {
    int chars = 0;
    for (LayoutBlock block : blocks) {
      if (block instanceof HeaderBlock header && header.getText() != null) {
        chars += length(header.getText());
      } else if (block instanceof SectionBlock section) {
        chars += length(section.getText());
        chars += section.getFields() == null ? 0 : section.getFields().stream().mapToInt(BlockKitLimits::length).sum();
      } else if (block instanceof ContextBlock context) {
        chars += context.getElements().stream().filter(TextObject.class::isInstance)
            .mapToInt(e -> length((TextObject) e)).sum();
      }
    }
    return chars;
  }

  private static int length(TextObject text) {
    return text == null || text.getText() == null ? 0 : text.getText().length();
  }
}
