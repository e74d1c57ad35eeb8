package dev.vastbot.slack;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits escaped text into section texts at line breaks: each at most {@value
 * #MAX_SECTION_CHARS} characters, a line at most {@value #MAX_LINE_CHARS} ("… (N more chars)"),
 * and what does not fit the room ends the last section as "… (N more lines)", as {@link
 * dev.vastbot.fleet.text.SafeText#capLines} writes it. Pure and thread-safe.
 */
final class TextSections {
  static final int MAX_SECTION_CHARS = BlockKitLimits.MAX_SECTION_CHARS;
  static final int MAX_LINE_CHARS = 1000;
  /** Room for "\n… (N more lines)" at the end of a section. */
  private static final int MORE_LINES_CHARS = 40;

  private TextSections() {}

  /** At most {@code maxSections} texts of at most {@code maxChars} characters together. */
  static List<EscapedText> split(EscapedText text, int maxSections, int maxChars) {
    String[] lines = text.text().split("\n", -1);
    var sections = new ArrayList<String>();
    var section = new StringBuilder();
    int charsLeft = maxChars - MORE_LINES_CHARS;
    int next = 0;
    for (; next < lines.length; next++) {
      String line = capLine(lines[next]);
      int added = section.length() == 0 ? line.length() : line.length() + 1;
      if (section.length() + added > MAX_SECTION_CHARS - MORE_LINES_CHARS && section.length() > 0) {
        if (sections.size() + 1 >= maxSections) {
          break;
        }
        sections.add(section.toString());
        section.setLength(0);
        added = line.length();
      }
      if (added > charsLeft) {
        break;
      }
      section.append(section.length() == 0 ? "" : "\n").append(line);
      charsLeft -= added;
    }
    return close(sections, section, lines.length - next, maxSections);
  }

  private static String capLine(String line) {
    if (line.length() <= MAX_LINE_CHARS) {
      return line;
    }
    int kept = SlackText.safeCut(line, MAX_LINE_CHARS);
    return line.substring(0, kept) + "… (" + (line.length() - kept) + " more chars)";
  }

  private static List<EscapedText> close(List<String> sections, StringBuilder section, int linesLeft,
      int maxSections) {
    if (linesLeft > 0) {
      section.append(section.length() == 0 ? "" : "\n")
          .append("… (").append(linesLeft).append(linesLeft == 1 ? " more line)" : " more lines)");
    }
    if (section.length() > 0 && sections.size() < maxSections) {
      sections.add(section.toString());
    }
    return sections.stream().map(EscapedText::alreadyEscaped).toList();
  }
}
