package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads back the texts of rendered blocks, for assertions. */
public final class BlockKitTexts {
  private static final Pattern BARE_AMPERSAND = Pattern.compile("&(?!amp;|lt;|gt;)");

  private BlockKitTexts() {}

  /** Every text object's text, in block order. */
  public static List<String> of(List<LayoutBlock> blocks) {
    var texts = new ArrayList<String>();
    for (LayoutBlock block : blocks) {
      if (block instanceof HeaderBlock header) {
        texts.add(header.getText().getText());
      } else if (block instanceof SectionBlock section) {
        texts.add(section.getText().getText());
      } else if (block instanceof ContextBlock context) {
        context.getElements().forEach(e -> texts.add(((MarkdownTextObject) e).getText()));
      } else {
        throw new AssertionError("unexpected block " + block.getType());
      }
    }
    return texts;
  }

  /** The text of the last block, which must be a context note. */
  static String closingNote(List<LayoutBlock> blocks) {
    var last = (ContextBlock) blocks.get(blocks.size() - 1);
    return ((MarkdownTextObject) last.getElements().get(0)).getText();
  }

  /** At most 50 blocks, a text at most 3,000 (a header 150), no raw markup or control character. */
  public static void assertWithinLimits(List<LayoutBlock> blocks) {
    assertTrue(blocks.size() <= BlockKitRenderer.MAX_BLOCKS, blocks.size() + " blocks");
    int total = 0;
    for (LayoutBlock block : blocks) {
      for (String text : BlockKitTexts.of(List.of(block))) {
        int max = block instanceof HeaderBlock ? BlockKitRenderer.MAX_HEADER_CHARS : TextSections.MAX_SECTION_CHARS;
        assertTrue(!text.isBlank() && text.length() <= max, text.length() + " chars in a " + block.getType());
        assertFalse(text.contains("<") || text.contains(">"), "raw < or > in " + text);
        assertFalse(BARE_AMPERSAND.matcher(text).find(), "bare & in " + text);
        assertTrue(text.chars().allMatch(c -> c == '\n' || c >= 0x20 && c != 0x7f), "control character in " + text);
        total += text.length();
      }
    }
    assertTrue(total <= BlockKitRenderer.MAX_MESSAGE_CHARS, total + " chars in all");
  }
}
