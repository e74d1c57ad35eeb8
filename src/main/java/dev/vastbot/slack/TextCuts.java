package dev.vastbot.slack;

/**
 * Cuts an escaped text to a length, saying how much was cut: "… (N more characters)" (just "…"
 * where the limit is too small for that, as on a button), never inside an entity or a surrogate
 * pair, and closing a code block that the cut left open. N counts characters as Slack shows them
 * ({@code &amp;} is one). Pure and thread-safe.
 */
final class TextCuts {
  private static final String FENCE = "```";
  /** Below this limit a cut says only "…". */
  private static final int MIN_COUNTED_CUT = 100;

  private TextCuts() {}

  /** {@code escaped} itself when it has at most {@code maxChars} characters, else its start and a note. */
  static String cut(String escaped, int maxChars) {
    if (escaped.length() <= maxChars) {
      return escaped;
    }
    String close = escaped.startsWith(FENCE) ? "\n" + FENCE : "";
    if (maxChars < MIN_COUNTED_CUT) {
      int kept = SlackText.safeCut(escaped, Math.max(0, maxChars - 1));
      return escaped.substring(0, kept) + "…";
    }
    String longest = close + note(shownLength(escaped));
    int kept = SlackText.safeCut(escaped, maxChars - longest.length());
    String start = escaped.substring(0, kept);
    String fence = occurrences(start, FENCE) % 2 == 1 ? close : "";
    return start + fence + note(shownLength(escaped.substring(kept)));
  }

  /** How many characters Slack shows for {@code escaped}: each entity is one. */
  static int shownLength(String escaped) {
    return escaped.length() - 4 * occurrences(escaped, "&amp;") - 3 * occurrences(escaped, "&lt;")
        - 3 * occurrences(escaped, "&gt;");
  }

  private static String note(int more) {
    return "… (" + more + (more == 1 ? " more character)" : " more characters)");
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }
}
