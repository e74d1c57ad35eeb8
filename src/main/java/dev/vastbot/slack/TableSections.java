package dev.vastbot.slack;

import dev.vastbot.chat.view.Paging;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.text.SafeText;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a table out as monospace code blocks, aligned as the console aligns it: every cell one
 * line of at most {@link SafeText#CELL_CHARS} characters, then Slack-escaped (inside a code block
 * Slack still reads {@code &}, {@code <} and {@code >} as entities), every line at most {@value
 * #MAX_LINE_CHARS} characters, every block at most {@value TextSections#MAX_SECTION_CHARS} with the
 * column names on top. A paged table shows at most its first page. A cell cannot end the code
 * block early: a zero-width space parts a run of backticks, so no line holds {@code ```} (inside
 * the block no other mrkdwn applies). Pure and thread-safe.
 */
final class TableSections {
  static final int MAX_LINE_CHARS = 1400;
  private static final String FENCE = "```";

  /** The code blocks, and how many of the table's rows they show. */
  record Layout(List<EscapedText> sections, int shownRows) {}

  private TableSections() {}

  /** At most {@code maxSections} code blocks of at most {@code maxChars} characters together. */
  static Layout layOut(Table table, int maxSections, int maxChars) {
    int candidates = table.paging().map(Paging::pageSize).orElse(Integer.MAX_VALUE);
    List<List<String>> rows = table.rows().stream().limit(candidates).map(TableSections::cells).toList();
    List<String> columns = cells(table.columns());
    int[] widths = widths(columns, rows);
    String head = line(columns, widths);
    if (rows.isEmpty()) {
      String only = fenced(head + "\n(none)");
      return only.length() <= maxChars && maxSections > 0 ? new Layout(List.of(EscapedText.alreadyEscaped(only)), 0)
          : new Layout(List.of(), 0);
    }
    return pack(head, rows, widths, maxSections, maxChars);
  }

  private static Layout pack(String head, List<List<String>> rows, int[] widths, int maxSections,
      int maxChars) {
    var sections = new ArrayList<String>();
    var body = new StringBuilder();
    int charsLeft = maxChars;
    int shown = 0;
    for (List<String> row : rows) {
      String line = line(row, widths);
      if (body.length() > 0 && fencedLength(head, body) + 1 + line.length() > TextSections.MAX_SECTION_CHARS) {
        if (sections.size() + 1 >= maxSections) {
          break;
        }
        sections.add(fenced(head, body));
        charsLeft -= sections.get(sections.size() - 1).length();
        body.setLength(0);
      }
      int sectionIfAdded = fencedLength(head, body) + 1 + line.length();
      if (maxSections == 0 || sectionIfAdded > charsLeft) {
        break;
      }
      body.append('\n').append(line);
      shown++;
    }
    if (body.length() > 0) {
      sections.add(fenced(head, body));
    }
    return new Layout(sections.stream().map(EscapedText::alreadyEscaped).toList(), shown);
  }

  private static List<String> cells(List<String> raw) {
    return raw.stream().map(cell -> EscapedText.wholeCharacters(SafeText.forTerminalCell(cell, SafeText.CELL_CHARS)))
        .toList();
  }

  private static int[] widths(List<String> columns, List<List<String>> rows) {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    return widths;
  }

  /** Aligned on the text as shown (before escaping: Slack shows {@code &amp;} as one character). */
  private static String line(List<String> cells, int[] widths) {
    var line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(i == 0 ? "" : "  ").append(cells.get(i));
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cells.get(i).length()));
      }
    }
    return SlackText.cut(partBacktickRuns(SafeText.forSlack(line.toString().stripTrailing())), MAX_LINE_CHARS, "…");
  }

  /** {@code line} with a zero-width space after every backtick that another follows. */
  static String partBacktickRuns(String line) {
    return line.replace("``", "`\u200b`").replace("``", "`\u200b`");
  }

  private static int fencedLength(String head, CharSequence body) {
    return 2 * FENCE.length() + 2 + head.length() + body.length();
  }

  private static String fenced(String head, CharSequence body) {
    return fenced(head + body);
  }

  private static String fenced(String text) {
    return FENCE + "\n" + text + "\n" + FENCE;
  }
}
