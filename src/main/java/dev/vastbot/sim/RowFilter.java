package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A conjunction of {@link FieldCondition}s parsed from a Vast query object. Immutable. */
record RowFilter(List<FieldCondition> conditions) {

  RowFilter {
    conditions = List.copyOf(conditions);
  }

  /**
   * Parses {@code {"field": {"op": value, ...}, ...}}, skipping the keys in {@code notFilters}. A
   * bare value ({@code "field": value}) means {@code eq}.
   */
  static RowFilter parse(JsonNode query, Set<String> notFilters) {
    if (query == null || query.isNull()) {
      return new RowFilter(List.of());
    }
    if (!query.isObject()) {
      throw SimApiException.invalidArgs("query must be a JSON object");
    }
    var conditions = new ArrayList<FieldCondition>();
    for (Map.Entry<String, JsonNode> entry : query.properties()) {
      if (notFilters.contains(entry.getKey())) {
        continue;
      }
      JsonNode terms = entry.getValue();
      if (!terms.isObject()) {
        conditions.add(new FieldCondition(entry.getKey(), "eq", terms));
        continue;
      }
      for (Map.Entry<String, JsonNode> term : terms.properties()) {
        conditions.add(new FieldCondition(entry.getKey(), term.getKey(), term.getValue()));
      }
    }
    return new RowFilter(conditions);
  }

  /** The fields this filter names. */
  List<String> fields() {
    return conditions.stream().map(FieldCondition::field).distinct().toList();
  }

  /** True when every condition holds; a condition on a field the row lacks is ignored. */
  boolean matches(JsonNode row) {
    return conditions.stream()
        .allMatch(condition -> !row.has(condition.field()) || condition.matches(row));
  }

  /** A copy that also holds {@code condition} unless this filter already names its field. */
  RowFilter withDefault(FieldCondition condition) {
    if (fields().contains(condition.field())) {
      return this;
    }
    var extended = new ArrayList<>(conditions);
    extended.add(condition);
    return new RowFilter(extended);
  }
}
