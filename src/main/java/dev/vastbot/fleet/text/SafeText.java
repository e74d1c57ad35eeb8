package dev.vastbot.fleet.text;

/**
 * The one place that makes text from outside (what a rented host prints, what the Vast API
 * answers) safe for the sink it reaches. Hosts are other people's machines: their text may hold
 * NUL bytes, terminal escapes, bidirectional overrides, forged lines, mentions or megabytes.
 *
 * <ul>
 *   <li>{@link #forStore}: no NUL, valid UTF-16 (so valid UTF-8 on the way out), capped length;
 *       PostgreSQL refuses a NUL, and an uncapped detail grows an append-only log without bound.
 *   <li>{@link #forTerminal} and {@link #forTerminalCell}: control, escape and bidi characters
 *       shown escaped ({@code \x1b}, {@code \u202e}), so a host cannot colour, move the cursor,
 *       reorder or forge a line; a cell is one line.
 *   <li>{@link #forSlack}: also mrkdwn-escaped ({@code &}, {@code <}, {@code >}), so no mention,
 *       link or channel ping comes from a host.
 *   <li>{@link #capLines}: a reply that carries host output is capped, with "… (N more lines)".
 * </ul>
 *
 * Pure and thread-safe; every method accepts null and returns "" for it.
 */
public final class SafeText {
  /** The audit log's cap on one entry's detail. */
  public static final int AUDIT_DETAIL_CHARS = 2048;
  /** The cap on a short stored field (a target, an actor, a state label). */
  public static final int STORE_FIELD_CHARS = 256;
  /** The cap on one table cell in a reply. */
  public static final int CELL_CHARS = 120;

  private SafeText() {}

  /**
   * For a database column: NUL becomes {@code \x00} (visible, and accepted by every database),
   * an unpaired surrogate (not encodable as UTF-8) becomes U+FFFD, and the text is cut to {@code
   * maxChars} characters with a note of how much was cut.
   */
  public static String forStore(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    var out = new StringBuilder((int) Math.min(text.length(), (long) maxChars + 16));
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == 0) {
        out.append("\\x00");
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(i + 1));
        i++;
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
      i++;
      if (out.length() > maxChars) {
        return cut(out, maxChars, text.length() - i);
      }
    }
    return out.toString();
  }

  /**
   * For a terminal, keeping line breaks: every other control character (C0, DEL, C1), the
   * escape character, the bidirectional and line-separator format characters and unpaired
   * surrogates are written as visible escapes.
   */
  public static String forTerminal(String text) {
    return escape(text, true);
  }

  /**
   * For one log line: every control, escape and bidi character escaped, line breaks too (so one
   * event is one line), and an unpaired surrogate shown escaped too; no cap.
   */
  public static String forLogLine(String text) {
    return escape(text, false);
  }

  /** For one table cell on a terminal: one line (breaks escaped too), at most {@code maxChars}. */
  public static String forTerminalCell(String text, int maxChars) {
    String line = escape(text, false);
    return line.length() <= maxChars ? line : line.substring(0, Math.max(0, maxChars - 1)) + "…";
  }

  /**
   * For Slack mrkdwn: {@code &}, {@code <} and {@code >} escaped as Slack asks (so {@code
   * <!channel>}, {@code <@U123>} and {@code <http://x|y>} stay text), control characters escaped.
   */
  public static String forSlack(String text) {
    String visible = escape(text, true);
    var out = new StringBuilder(visible.length());
    for (int i = 0; i < visible.length(); i++) {
      char c = visible.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * At most {@code maxLines} lines of at most {@code maxLineChars} characters each; what is left
   * out is counted in a last line "… (N more lines)".
   */
  public static String capLines(String text, int maxLines, int maxLineChars) {
    if (text == null) {
      return "";
    }
    var out = new StringBuilder();
    int lines = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      if (lines == maxLines) {
        long rest = 1 + text.substring(start).chars().filter(c -> c == '\n').count();
        return out.append(lines == 0 ? "" : "\n").append("… (").append(rest).append(" more line").append(rest == 1 ? "" : "s")
            .append(')').toString();
      }
      String line = text.substring(start, end);
      out.append(lines == 0 ? "" : "\n").append(line.length() <= maxLineChars ? line
          : line.substring(0, maxLineChars) + "… (" + (line.length() - maxLineChars) + " more chars)");
      lines++;
      start = end + 1;
    }
    return out.toString();
  }

  private static String escape(String text, boolean keepLineBreaks) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      boolean unsafe = !(keepLineBreaks && c == '\n') && (unsafe(c) || Character.isSurrogate(c));
      if (unsafe && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (unsafe) {
          appendEscape(c, out);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean unsafe(char c) {
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200e' || c == '\u200f' || c == '\u061c' || c == '\u2028' || c == '\u2029'
        || c == '\uFEFF';
  }

  private static void appendEscape(char c, StringBuilder out) {
    switch (c) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      default -> out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
    }
  }

  private static String cut(StringBuilder out, int maxChars, int notRead) {
    int keep = maxChars;
    if (keep > 0 && Character.isHighSurrogate(out.charAt(keep - 1))) {
      keep--;
    }
    int dropped = out.length() - keep + notRead;
    out.setLength(keep);
    return out.append("… (").append(dropped).append(" more chars)").toString();
  }
}
