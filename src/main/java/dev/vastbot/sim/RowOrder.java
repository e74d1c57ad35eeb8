package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;

/** A sort over JSON rows: named columns, each ascending or descending, then id ascending. */
record RowOrder(List<Column> columns) {

  /** One sort column. */
  record Column(String field, boolean descending) {}

  RowOrder {
    columns = List.copyOf(columns);
  }

  static RowOrder by(String field, boolean descending) {
    return new RowOrder(List.of(new Column(field, descending)));
  }

  /** Parses a direction word: {@code asc}/{@code desc} (also {@code +}/{@code -}). */
  static boolean isDescending(String direction) {
    return switch (direction.toLowerCase()) {
      case "asc", "+", "ascending" -> false;
      case "desc", "-", "descending" -> true;
      default -> throw SimApiException.invalidArgs("Unknown sort direction: " + direction);
    };
  }

  Comparator<JsonNode> comparator() {
    Comparator<JsonNode> order = (left, right) -> 0;
    for (Column column : columns) {
      Comparator<JsonNode> byColumn =
          Comparator.comparing(row -> row.get(column.field()), JsonValueOrder.NULLS_LAST);
      order = order.thenComparing(column.descending() ? byColumn.reversed() : byColumn);
    }
    return order.thenComparingLong(row -> row.path("id").asLong());
  }
}
