package dev.vastbot.slack;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import java.util.ArrayList;
import java.util.List;

/** Reads back the texts of rendered blocks, for assertions. */
final class BlockKitTexts {
  private BlockKitTexts() {}

  /** Every text object's text, in block order. */
  static List<String> of(List<LayoutBlock> blocks) {
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
}
