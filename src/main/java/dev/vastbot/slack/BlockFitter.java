package dev.vastbot.slack;

import static dev.vastbot.slack.BlockKitLimits.MAX_ACTION_ELEMENTS;
import static dev.vastbot.slack.BlockKitLimits.MAX_BUTTON_TEXT_CHARS;
import static dev.vastbot.slack.BlockKitLimits.MAX_BUTTON_URL_CHARS;
import static dev.vastbot.slack.BlockKitLimits.MAX_BUTTON_VALUE_CHARS;
import static dev.vastbot.slack.BlockKitLimits.MAX_CONFIRM_BUTTON_CHARS;
import static dev.vastbot.slack.BlockKitLimits.MAX_CONFIRM_TEXT_CHARS;
import static dev.vastbot.slack.BlockKitLimits.MAX_CONFIRM_TITLE_CHARS;
import static dev.vastbot.slack.BlockKitLimits.MAX_CONTEXT_ELEMENTS;
import static dev.vastbot.slack.BlockKitLimits.MAX_FIELDS;
import static dev.vastbot.slack.BlockKitLimits.MAX_FIELD_CHARS;
import static dev.vastbot.slack.BlockKitLimits.MAX_HEADER_CHARS;
import static dev.vastbot.slack.BlockKitLimits.MAX_SECTION_CHARS;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits one block to Block Kit's limits on its parts, as a new block (the given one is not
 * changed): texts cut ({@link TextCuts}), a blank text replaced (Slack refuses empty texts), too
 * many fields or context elements counted in a last one, too many buttons dropped, every {@code
 * mrkdwn} object made {@code verbatim} (see {@link TextObjects}). Blocks of other types are
 * returned as they are. Stateless.
 */
final class BlockFitter {
  private static final String BLANK = "(empty)";

  private BlockFitter() {}

  static LayoutBlock fit(LayoutBlock block) {
    if (block instanceof HeaderBlock header) {
      return new HeaderBlock(header.getBlockId(), plain(header.getText(), MAX_HEADER_CHARS));
    } else if (block instanceof SectionBlock section) {
      return fitSection(section);
    } else if (block instanceof ContextBlock context) {
      return new ContextBlock(counted(context.getElements(), MAX_CONTEXT_ELEMENTS, MAX_SECTION_CHARS),
          context.getBlockId());
    } else if (block instanceof ActionsBlock actions) {
      return new ActionsBlock(actions.getElements().stream().limit(MAX_ACTION_ELEMENTS)
          .map(BlockFitter::fitElement).toList(), actions.getBlockId());
    }
    return block;
  }

  private static SectionBlock fitSection(SectionBlock section) {
    List<TextObject> fields = section.getFields() == null ? null
        : counted(section.getFields(), MAX_FIELDS, MAX_FIELD_CHARS).stream().map(TextObject.class::cast).toList();
    TextObject text = section.getText() == null && fields != null && !fields.isEmpty() ? null
        : text(section.getText(), MAX_SECTION_CHARS);
    BlockElement accessory = section.getAccessory() == null ? null : fitElement(section.getAccessory());
    return new SectionBlock(text, section.getBlockId(), fields, accessory, section.getExpand());
  }

  /** At most {@code max} elements, each text cut to {@code maxChars}; a last one counts those left out. */
  private static <T extends ContextBlockElement> List<ContextBlockElement> counted(List<T> elements, int max,
      int maxChars) {
    var fitted = new ArrayList<ContextBlockElement>();
    int keep = elements.size() <= max ? elements.size() : max - 1;
    for (int i = 0; i < keep; i++) {
      T element = elements.get(i);
      fitted.add(element instanceof TextObject text ? text(text, maxChars) : element);
    }
    if (keep < elements.size()) {
      fitted.add(TextObjects.plain("… " + (elements.size() - keep) + " more not shown"));
    }
    return fitted;
  }

  private static BlockElement fitElement(BlockElement element) {
    if (!(element instanceof ButtonElement button)) {
      return element;
    }
    String url = button.getUrl() != null && button.getUrl().length() > MAX_BUTTON_URL_CHARS ? null : button.getUrl();
    return new ButtonElement(plain(button.getText(), MAX_BUTTON_TEXT_CHARS), button.getActionId(), url,
        valueOf(button.getValue()), button.getStyle(), confirm(button.getConfirm()),
        button.getAccessibilityLabel() == null ? null
            : TextCuts.cut(button.getAccessibilityLabel(), MAX_BUTTON_TEXT_CHARS));
  }

  /** A value is data for the bot, not text for people: cut to the limit without a note. */
  private static String valueOf(String value) {
    return value == null || value.length() <= MAX_BUTTON_VALUE_CHARS ? value
        : value.substring(0, SlackText.safeCut(value, MAX_BUTTON_VALUE_CHARS));
  }

  private static ConfirmationDialogObject confirm(ConfirmationDialogObject dialog) {
    if (dialog == null) {
      return null;
    }
    return new ConfirmationDialogObject(plain(dialog.getTitle(), MAX_CONFIRM_TITLE_CHARS),
        text(dialog.getText(), MAX_CONFIRM_TEXT_CHARS), plain(dialog.getConfirm(), MAX_CONFIRM_BUTTON_CHARS),
        plain(dialog.getDeny(), MAX_CONFIRM_BUTTON_CHARS), dialog.getStyle());
  }

  private static TextObject text(TextObject text, int maxChars) {
    if (text instanceof MarkdownTextObject markdown) {
      return new MarkdownTextObject(cutOrBlank(markdown.getText(), maxChars), true);
    }
    return plain(text instanceof PlainTextObject plain ? plain : null, maxChars);
  }

  /** A plain text within {@code maxChars}; a missing one (every caller's is required) becomes the blank mark. */
  private static PlainTextObject plain(PlainTextObject text, int maxChars) {
    if (text == null) {
      return new PlainTextObject(BLANK, true);
    }
    return new PlainTextObject(cutOrBlank(text.getText(), maxChars), text.getEmoji() == null || text.getEmoji());
  }

  private static String cutOrBlank(String text, int maxChars) {
    return text == null || text.isBlank() ? BLANK : TextCuts.cut(text, maxChars);
  }
}
