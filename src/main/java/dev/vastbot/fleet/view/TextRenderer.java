package dev.vastbot.fleet.view;

import java.util.List;

/** Renders a reply as plain text for a terminal or a log: aligned tables, prefixed notices. */
public final class TextRenderer {

  public String render(Reply reply) {
    var out = new StringBuilder();
    for (Block block : reply.blocks()) {
      if (block instanceof Heading heading) {
        out.append(heading.text()).append('\n');
      } else if (block instanceof Paragraph paragraph) {
        out.append(paragraph.text()).append('\n');
      } else if (block instanceof Notice notice) {
        out.append(prefix(notice.level())).append(notice.text()).append('\n');
      } else if (block instanceof Table table) {
        renderTable(table, out);
      }
    }
    return out.toString();
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
    int[] widths = new int[table.columns().size()];
    measure(table.columns(), widths);
    table.rows().forEach(row -> measure(row, widths));
    appendRow(table.columns(), widths, out);
    for (List<String> row : table.rows()) {
      appendRow(row, widths, out);
    }
    if (table.rows().isEmpty()) {
      out.append("(none)\n");
    }
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
