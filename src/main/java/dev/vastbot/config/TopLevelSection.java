package dev.vastbot.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where one top-level key's block sits in a YAML file's text, so it can be replaced without
 * touching a byte of the rest.
 *
 * <p>The block starts at the line {@code key:} at column 0 and runs to the next line that starts at
 * column 0 with a character other than space, tab or {@code #}, or to the end of the text. Blank
 * lines and column-0 comments right before that next line are left out of the block: they belong to
 * what follows.
 *
 * @param start index of the block's first character
 * @param end index just past its last line (including that line's line break)
 */
record TopLevelSection(int start, int end) {

  /** The block of {@code key} in {@code text}, if there is a {@code key:} line at column 0. */
  static Optional<TopLevelSection> find(String text, String key) {
    var header = Pattern.compile("(?m)^" + Pattern.quote(key) + "[ \\t]*:(?:[ \\t].*)?\\r?$");
    var matcher = header.matcher(text);
    if (!matcher.find()) {
      return Optional.empty();
    }
    var start = matcher.start();
    var end = nextLineStart(text, start);
    var ownedEnd = end;
    while (end < text.length() && !startsNewBlock(text, end)) {
      var next = nextLineStart(text, end);
      if (!isBlankOrComment(text.substring(end, next))) {
        ownedEnd = next;
      }
      end = next;
    }
    return Optional.of(new TopLevelSection(start, ownedEnd));
  }

  /** {@code text} with this block replaced by {@code replacement}. */
  String replaceIn(String text, String replacement) {
    return text.substring(0, start) + replacement + text.substring(end);
  }

  private static boolean startsNewBlock(String text, int lineStart) {
    var first = text.charAt(lineStart);
    return first != ' ' && first != '\t' && first != '#' && first != '\n' && first != '\r';
  }

  private static boolean isBlankOrComment(String line) {
    return line.isBlank() || line.startsWith("#");
  }

  private static int nextLineStart(String text, int from) {
    var newline = text.indexOf('\n', from);
    return newline < 0 ? text.length() : newline + 1;
  }
}
