package dev.vastbot.fleet.view;

import java.util.List;

/** Rows under named columns; every row has one cell per column. */
public record Table(List<String> columns, List<List<String>> rows) implements Block {
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
}
