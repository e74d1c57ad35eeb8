package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.util.json.GsonFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back every text of rendered blocks (headers, section texts and fields, context elements,
 * buttons and their confirm dialogs; {@code plain_text} and {@code mrkdwn}), and checks a message
 * against Slack's limits and the bot's escaping rules, for assertions.
 */
public final class BlockKitTexts {
  private static final Pattern BARE_AMPERSAND = Pattern.compile("&(?!amp;|lt;|gt;)");
  private static final Pattern MENTION = Pattern.compile("<@([A-Z0-9]+)>");
  private static final String FENCE = "```";
  /** An emoji code the bot writes (":white_check_mark:"), whose underscores are no formatting. */
  private static final Pattern EMOJI = Pattern.compile(":[a-z0-9_+-]+:");

  private BlockKitTexts() {}

  /** One text object as sent: where it is, the object, and the most characters Slack takes there. */
  public record Shown(String where, TextObject object, int maxChars) {
    public String text() {
      return object.getText();
    }

    public boolean mrkdwn() {
      return object instanceof MarkdownTextObject;
    }
  }

  /** Every text object's text, in block order. */
  public static List<String> of(List<LayoutBlock> blocks) {
    return shown(blocks).stream().map(Shown::text).toList();
  }

  /** Every text object, in block order, with its limit. */
  public static List<Shown> shown(List<LayoutBlock> blocks) {
    var texts = new ArrayList<Shown>();
    for (LayoutBlock block : blocks) {
      if (block instanceof HeaderBlock header) {
        add(texts, "header", header.getText(), BlockKitLimits.MAX_HEADER_CHARS);
      } else if (block instanceof SectionBlock section) {
        add(texts, "section", section.getText(), BlockKitLimits.MAX_SECTION_CHARS);
        if (section.getFields() != null) {
          section.getFields().forEach(f -> add(texts, "field", f, BlockKitLimits.MAX_FIELD_CHARS));
        }
        if (section.getAccessory() != null) {
          element(texts, section.getAccessory());
        }
      } else if (block instanceof ContextBlock context) {
        for (ContextBlockElement element : context.getElements()) {
          add(texts, "context", (TextObject) element, BlockKitLimits.MAX_SECTION_CHARS);
        }
      } else if (block instanceof ActionsBlock actions) {
        actions.getElements().forEach(e -> element(texts, e));
      } else {
        throw new AssertionError("unexpected block " + block.getType());
      }
    }
    return texts;
  }

  private static void element(List<Shown> texts, BlockElement element) {
    var button = (ButtonElement) element;
    add(texts, "button", button.getText(), BlockKitLimits.MAX_BUTTON_TEXT_CHARS);
    ConfirmationDialogObject confirm = button.getConfirm();
    if (confirm != null) {
      add(texts, "confirm title", confirm.getTitle(), BlockKitLimits.MAX_CONFIRM_TITLE_CHARS);
      add(texts, "confirm text", confirm.getText(), BlockKitLimits.MAX_CONFIRM_TEXT_CHARS);
      add(texts, "confirm button", confirm.getConfirm(), BlockKitLimits.MAX_CONFIRM_BUTTON_CHARS);
      add(texts, "deny button", confirm.getDeny(), BlockKitLimits.MAX_CONFIRM_BUTTON_CHARS);
    }
  }

  private static void add(List<Shown> texts, String where, TextObject text, int maxChars) {
    if (text != null) {
      texts.add(new Shown(where, text, maxChars));
    }
  }

  /** The confirm dialog texts of every button, in order. */
  public static List<String> confirmTexts(List<LayoutBlock> blocks) {
    return shown(blocks).stream().filter(s -> s.where().equals("confirm text")).map(Shown::text).toList();
  }

  /** The blocks of a {@code blocks} parameter as a Slack stand-in received it. */
  public static List<LayoutBlock> parse(String blocksJson) {
    return List.of(GsonFactory.createSnakeCase().fromJson(blocksJson, LayoutBlock[].class));
  }

  /** The text of the last block, which must be a context note. */
  static String closingNote(List<LayoutBlock> blocks) {
    var last = (ContextBlock) blocks.get(blocks.size() - 1);
    return ((TextObject) last.getElements().get(0)).getText();
  }

  /** At most 50 blocks, every text within its limit, no raw markup or control character, 12,000 in all. */
  public static void assertWithinLimits(List<LayoutBlock> blocks) {
    assertMessageWithinLimits(new SlackMessage("-", blocks), Set.of());
  }

  /**
   * {@code message} as Slack takes it and as the bot must send it: within every limit of {@link
   * BlockKitLimits}; every text escaped (no bare {@code &}, no {@code <} or {@code >} but a
   * mention of one of {@code mentioned}, in {@code mrkdwn}), free of control and bidi characters
   * and lone surrogates; every {@code mrkdwn} object {@code verbatim}, with no formatting character
   * outside a code block and no fence inside one.
   */
  public static void assertMessageWithinLimits(SlackMessage message, Set<String> mentioned) {
    List<LayoutBlock> blocks = message.blocks();
    assertTrue(blocks.size() <= BlockKitLimits.MAX_BLOCKS, blocks.size() + " blocks");
    assertTrue(message.text().length() <= BlockKitLimits.MAX_FALLBACK_CHARS, message.text().length() + " fallback");
    assertEscaped("the fallback text", message.text(), mentioned, true);
    for (LayoutBlock block : blocks) {
      assertPartsWithinLimits(block);
    }
    int total = 0;
    for (Shown shown : shown(blocks)) {
      String text = shown.text();
      String where = shown.where() + " " + abbreviated(text);
      assertTrue(!text.isBlank() && text.length() <= shown.maxChars(), text.length() + " chars in a " + where);
      assertEscaped(where, text, mentioned, shown.mrkdwn());
      if (shown.mrkdwn()) {
        assertEquals(Boolean.TRUE, ((MarkdownTextObject) shown.object()).getVerbatim(), "verbatim " + where);
        assertNoFormatting(where, text);
      }
      total += shown.where().matches("header|section|field|context") ? text.length() : 0;
    }
    assertTrue(total <= BlockKitLimits.MAX_MESSAGE_CHARS, total + " chars in all");
  }

  private static void assertPartsWithinLimits(LayoutBlock block) {
    if (block instanceof SectionBlock section) {
      int fields = section.getFields() == null ? 0 : section.getFields().size();
      assertTrue(section.getText() != null || fields > 0, "a section without text");
      assertTrue(fields <= BlockKitLimits.MAX_FIELDS, fields + " fields");
    } else if (block instanceof ContextBlock context) {
      assertTrue(context.getElements().size() <= BlockKitLimits.MAX_CONTEXT_ELEMENTS, "context elements");
    } else if (block instanceof ActionsBlock actions) {
      assertTrue(actions.getElements().size() <= BlockKitLimits.MAX_ACTION_ELEMENTS, "actions elements");
      for (BlockElement element : actions.getElements()) {
        String value = ((ButtonElement) element).getValue();
        assertTrue(value == null || value.length() <= BlockKitLimits.MAX_BUTTON_VALUE_CHARS, "button value");
      }
    }
  }

  private static void assertEscaped(String where, String text, Set<String> mentioned, boolean mayMention) {
    Matcher mentions = MENTION.matcher(text);
    String rest = text;
    while (mentions.find()) {
      assertTrue(mayMention && mentioned.contains(mentions.group(1)), "a mention in " + where);
      rest = rest.replace(mentions.group(), "");
    }
    assertFalse(rest.contains("<") || rest.contains(">"), "raw < or > in " + where);
    assertFalse(BARE_AMPERSAND.matcher(text).find(), "bare & in " + where);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c <= 0x9f;
      boolean bidi = c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
      assertFalse(control || bidi, "U+" + Integer.toHexString(c) + " in " + where);
      if (Character.isHighSurrogate(c)) {
        assertTrue(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(++i)), "a split pair in " + where);
      } else {
        assertFalse(Character.isLowSurrogate(c), "a lone surrogate in " + where);
      }
    }
  }

  /** At most one code block (a table's); outside it no {@code * _ ~ `} but in emoji codes. */
  private static void assertNoFormatting(String where, String text) {
    String[] parts = text.split(FENCE, -1);
    assertTrue(parts.length == 1 || parts.length == 3, (parts.length - 1) + " fences in " + where);
    for (int i = 0; i < parts.length; i += 2) {
      String words = EMOJI.matcher(parts[i]).replaceAll("");
      assertTrue(words.chars().noneMatch(c -> "*_~`".indexOf(c) >= 0), "mrkdwn formatting outside code in " + where);
    }
  }

  private static String abbreviated(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + ")";
  }
}
