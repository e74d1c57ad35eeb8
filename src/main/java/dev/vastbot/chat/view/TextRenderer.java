package dev.vastbot.chat.view;

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
    // Every cell made safe once (a safe cell is returned as it is, not copied), then the rows
    // written straight into the reply: at 1,000 instances the table is most of a reply's work.
    int columnCount = table.columns().size();
    String[][] rows = new String[table.rows().size() + 1][];
    rows[0] = cells(table.columns(), columnCount);
    for (int r = 1; r < rows.length; r++) {
      rows[r] = cells(table.rows().get(r - 1), columnCount);
    }
    int[] widths = new int[columnCount];
    int chars = 0;
    for (String[] row : rows) {
      for (int i = 0; i < columnCount; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
        chars += row[i].length() + 2;
      }
    }
    out.ensureCapacity(out.length() + chars + rows.length * (columnCount + 1));
    for (String[] row : rows) {
      appendRow(row, widths, out);
    }
    if (table.rows().isEmpty()) {
      out.append("(none)\n");
    }
  }

  private static String[] cells(List<String> raw, int columnCount) {
    String[] cells = new String[columnCount];
    for (int i = 0; i < columnCount; i++) {
      cells[i] = SafeText.forTerminalCell(raw.get(i), SafeText.CELL_CHARS);
    }
    return cells;
  }

  /** One line: cells padded to their column's width, two spaces apart, no trailing blanks. */
  private static void appendRow(String[] cells, int[] widths, StringBuilder out) {
    int lineStart = out.length();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append("  ");
      }
      out.append(cells[i]);
      if (i < cells.length - 1) {
        for (int pad = cells[i].length(); pad < widths[i]; pad++) {
          out.append(' ');
        }
      }
    }
    int end = out.length();
    while (end > lineStart && Character.isWhitespace(out.charAt(end - 1))) {
      end--;
    }
    out.setLength(end);
    out.append('\n');
  }
}
