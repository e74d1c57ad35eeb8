package dev.vastbot.slack;

import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;

/**
 * The only way the bot makes Block Kit text objects, and so the rule for outside text in Slack.
 *
 * <p>Slack reads {@code &}, {@code <} and {@code >} as control characters in every text object,
 * so all text is escaped, once ({@link EscapedText}). That stops mentions, {@code <!channel>}
 * and {@code <url|label>} links. It does not stop mrkdwn formatting: Slack has no backslash escape
 * for {@code *bold*}, {@code _x_}, {@code ~x~}, backticks or a leading {@code >}, and the known
 * workarounds change the text (look-alike characters, zero-width spaces, date-token tricks that
 * cost 25 characters a symbol). So:
 *
 * <ul>
 *   <li>text that holds outside text (a host line, a reason, a target, a Vast error, a command
 *       line) goes in a {@link #plain} object: Slack applies no formatting and no automatic
 *       parsing to {@code plain_text} (only {@code :emoji:} codes, which are harmless);
 *   <li>{@link #mrkdwn} is used only where the bot needs markup: a table's code block (whose
 *       cells cannot close the block: {@link TableSections}) and a mention of a user id the bot
 *       chose ({@link EscapedText#mention}); it is always {@code verbatim: true}, so Slack does
 *       not turn a bare URL, a {@code #channel} or an {@code @name} into a link or a ping.
 * </ul>
 *
 * Stateless.
 */
final class TextObjects {
  private TextObjects() {}

  /** A {@code plain_text} object (emoji codes shown as emoji). */
  static PlainTextObject plain(EscapedText text) {
    return PlainTextObject.builder().text(text.text()).emoji(true).build();
  }

  /** A {@code plain_text} object of the bot's own words (a button label, a dialog title). */
  static PlainTextObject plain(String ours) {
    return plain(EscapedText.of(ours));
  }

  /** A {@code mrkdwn} object with Slack's automatic parsing off ({@code verbatim: true}). */
  static MarkdownTextObject mrkdwn(EscapedText text) {
    return MarkdownTextObject.builder().text(text.text()).verbatim(true).build();
  }
}
