package dev.vastbot.chat.view;

import java.util.List;
import java.util.Optional;

/**
 * Rows under named columns; every row has one cell per column.
 *
 * @param paging how the rows can be asked for page by page, when the command that made the table
 *     supports it; a sink that cannot show every row shows the first page and points at the next
 */
public record Table(List<String> columns, List<List<String>> rows, Optional<Paging> paging)
    implements Block {
  public Table {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "row has " + row.size() + " cells for " + columns.size() + " columns: " + row);
      }
    }
  }

  /** A table that cannot be paged. */
  public Table(List<String> columns, List<List<String>> rows) {
    this(columns, rows, Optional.empty());
  }

  /** The same rows, readable page by page with {@code paging}. */
  public Table pagedBy(Paging paging) {
    return new Table(columns, rows, Optional.of(paging));
  }
}
