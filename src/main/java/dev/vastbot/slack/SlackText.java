package dev.vastbot.slack;

import dev.vastbot.fleet.text.SafeText;

/**
 * Cuts Slack-escaped text to a length without breaking an entity ({@code &amp;}) or a surrogate
 * pair, so a cut never leaves half an escape for Slack to read. Pure and thread-safe.
 */
final class SlackText {
  /** The longest entity {@link SafeText#forSlack} writes ({@code &amp;}). */
  private static final int LONGEST_ENTITY = 5;

  private SlackText() {}

  /** One line of outside text, escaped for Slack and cut to at most {@code maxChars} with "…". */
  static String line(String raw, int maxChars) {
    return cut(SafeText.forSlack(SafeText.forTerminalCell(raw, Integer.MAX_VALUE)), maxChars, "…");
  }

  /**
   * {@code escaped} itself when it has at most {@code maxChars} characters, else its start and
   * {@code suffix}, together at most {@code maxChars}.
   */
  static String cut(String escaped, int maxChars, String suffix) {
    if (escaped.length() <= maxChars) {
      return escaped;
    }
    return escaped.substring(0, safeCut(escaped, Math.max(0, maxChars - suffix.length()))) + suffix;
  }

  /** The greatest index at most {@code end} that is not inside an entity or a surrogate pair. */
  static int safeCut(String escaped, int end) {
    int ampersand = escaped.lastIndexOf('&', end - 1);
    if (ampersand >= 0 && end - ampersand < LONGEST_ENTITY) {
      int semicolon = escaped.indexOf(';', ampersand);
      if (semicolon < 0 || semicolon >= end) {
        return ampersand;
      }
    }
    boolean splitsPair = end > 0 && end < escaped.length()
        && Character.isHighSurrogate(escaped.charAt(end - 1));
    return splitsPair ? end - 1 : end;
  }
}
