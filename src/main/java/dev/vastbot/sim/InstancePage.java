package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Cuts one page of {@code GET /api/v1/instances/} out of all rendered instances. Stateless. */
final class InstancePage {
  private InstancePage() {}

  /**
   * @param repeatPrevious whether the page starts with the last row of the page before (the
   *     {@code duplicate_ids} fault); ignored on a first page
   */
  static ObjectNode build(
      ObjectMapper json,
      List<ObjectNode> allRows,
      InstanceListQuery query,
      boolean repeatPrevious) {
    Comparator<JsonNode> order = query.order().comparator();
    List<ObjectNode> matching =
        allRows.stream().filter(query.filter()::matches).sorted(order).toList();
    List<ObjectNode> remaining =
        query
            .after()
            .map(after -> matching.stream().filter(row -> order.compare(row, after) > 0).toList())
            .orElse(matching);
    List<ObjectNode> page = remaining.subList(0, Math.min(query.limit(), remaining.size()));
    ObjectNode answer = json.createObjectNode();
    answer.put("success", true);
    answer.put("instances_found", page.size());
    answer.put("total_instances", allRows.size());
    answer.set("label_counts", labelCounts(json, matching));
    if (remaining.size() > page.size()) {
      answer.put("next_token", PageToken.encode(json, page.get(page.size() - 1), query.order()));
    } else {
      answer.putNull("next_token");
    }
    var instances = answer.putArray("instances");
    if (repeatPrevious) {
      query
          .after()
          .flatMap(after -> lastUpTo(matching, after, order))
          .ifPresent(row -> instances.add(select(json, row, query.selectCols())));
    }
    page.forEach(row -> instances.add(select(json, row, query.selectCols())));
    return answer;
  }

  private static Optional<ObjectNode> lastUpTo(
      List<ObjectNode> rows, JsonNode after, Comparator<JsonNode> order) {
    return rows.stream()
        .filter(row -> order.compare(row, after) <= 0)
        .reduce((earlier, later) -> later);
  }

  private static ObjectNode labelCounts(ObjectMapper json, List<ObjectNode> rows) {
    var counts = new TreeMap<String, Integer>();
    rows.forEach(row -> counts.merge(row.path("label").asText(""), 1, Integer::sum));
    ObjectNode node = json.createObjectNode();
    counts.forEach(node::put);
    return node;
  }

  private static ObjectNode select(ObjectMapper json, ObjectNode row, List<String> columns) {
    if (columns.isEmpty()) {
      return row;
    }
    ObjectNode selected = json.createObjectNode();
    columns.forEach(column -> selected.set(column, row.has(column) ? row.get(column) : null));
    return selected;
  }
}
