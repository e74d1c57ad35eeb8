package dev.vastbot.fleet.view;

import dev.vastbot.fleet.text.SafeText;
import java.util.List;

/**
 * Renders a reply as plain text for a terminal or a log: aligned tables, prefixed notices. This
 * is the terminal sink: every text is passed through {@link SafeText} (no control or escape
 * character reaches the terminal as such, a cell is one capped line, a paragraph is capped to
 * {@value #MAX_PARAGRAPH_LINES} lines).
 */
public final class TextRenderer {
  static final int MAX_PARAGRAPH_LINES = 200;
  static final int MAX_LINE_CHARS = 1000;

  public String render(Reply reply) {
    var out = new StringBuilder();
    for (Block block : reply.blocks()) {
      if (block instanceof Heading heading) {
        out.append(oneLine(heading.text())).append('\n');
      } else if (block instanceof Paragraph paragraph) {
        out.append(lines(paragraph.text())).append('\n');
      } else if (block instanceof Notice notice) {
        out.append(prefix(notice.level())).append(lines(notice.text())).append('\n');
      } else if (block instanceof Table table) {
        renderTable(table, out);
      }
    }
    return out.toString();
  }

  private static String oneLine(String text) {
    return SafeText.forTerminalCell(text, MAX_LINE_CHARS);
  }

  private static String lines(String text) {
    return SafeText.capLines(SafeText.forTerminal(text), MAX_PARAGRAPH_LINES, MAX_LINE_CHARS);
  }

  private static String prefix(Notice.Level level) {
    return switch (level) {
      case SUCCESS -> "OK: ";
      case INFO -> "";
      case WARNING -> "WARNING: ";
      case ERROR -> "ERROR: ";
    };
  }

  private static void renderTable(Table table, StringBuilder out) {
    List<String> columns = cells(table.columns());
    List<List<String>> rows = table.rows().stream().map(TextRenderer::cells).toList();
    int[] widths = new int[columns.size()];
    measure(columns, widths);
    rows.forEach(row -> measure(row, widths));
    appendRow(columns, widths, out);
    for (List<String> row : rows) {
      appendRow(row, widths, out);
    }
    if (table.rows().isEmpty()) {
      out.append("(none)\n");
    }
  }

  private static List<String> cells(List<String> raw) {
    return raw.stream().map(cell -> SafeText.forTerminalCell(cell, SafeText.CELL_CHARS)).toList();
  }

  private static void measure(List<String> cells, int[] widths) {
    for (int i = 0; i < cells.size(); i++) {
      widths[i] = Math.max(widths[i], cells.get(i).length());
    }
  }

  private static void appendRow(List<String> cells, int[] widths, StringBuilder out) {
    var line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(i == 0 ? "" : "  ");
      line.append(i == cells.size() - 1 ? cells.get(i) : pad(cells.get(i), widths[i]));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
