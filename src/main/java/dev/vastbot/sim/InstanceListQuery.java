package dev.vastbot.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query of {@code GET /api/v1/instances/} (VAST_API §4.1): {@code limit} (default 25, max 25,
 * ≤0 → 5), {@code after_token}, {@code order_by}, {@code select_cols} and {@code select_filters},
 * the last two on stored columns only: computed ones such as {@code dph_total} or {@code num_gpus}
 * are a 400.
 *
 * @param selectCols the columns to return, or empty for all
 * @param after the sort values the page starts after, or empty for the first page
 */
record InstanceListQuery(
    int limit,
    RowFilter filter,
    RowOrder order,
    List<String> selectCols,
    Optional<JsonNode> after) {
  static final int MAX_LIMIT = 25;
  static final Set<String> STORED_COLUMNS =
      Set.of(
          "id",
          "machine_id",
          "host_id",
          "bundle_id",
          "label",
          "actual_status",
          "intended_status",
          "cur_state",
          "next_state",
          "status_msg",
          "gpu_name",
          "verification",
          "image_uuid",
          "image_runtype",
          "is_bid",
          "start_date",
          "end_date",
          "geolocation",
          "disk_space",
          "gpu_ram",
          "cpu_ram",
          "dph_base",
          "min_bid",
          "storage_cost",
          "reliability2",
          "public_ipaddr",
          "template_id",
          "template_hash_id",
          "onstart",
          "ssh_idx");

  InstanceListQuery {
    selectCols = List.copyOf(selectCols);
  }

  static InstanceListQuery fromParams(Map<String, String> params, ObjectMapper json) {
    RowFilter filter = RowFilter.parse(parse(json, params, "select_filters"), Set.of());
    filter.fields().forEach(InstanceListQuery::requireStoredColumn);
    Optional<JsonNode> after =
        Optional.ofNullable(params.get("after_token"))
            .filter(token -> !token.isBlank())
            .map(token -> PageToken.decode(json, token));
    return new InstanceListQuery(
        limit(params.get("limit")),
        filter,
        order(parse(json, params, "order_by")),
        columns(parse(json, params, "select_cols")),
        after);
  }

  private static int limit(String raw) {
    if (raw == null || raw.isBlank()) {
      return MAX_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw.trim());
      return limit <= 0 ? 5 : Math.min(limit, MAX_LIMIT);
    } catch (NumberFormatException e) {
      throw badQuery("limit must be an integer");
    }
  }

  private static RowOrder order(JsonNode orderBy) {
    if (orderBy == null || orderBy.isNull() || orderBy.isEmpty()) {
      return RowOrder.by("id", false);
    }
    if (!orderBy.isArray()) {
      throw badQuery("order_by must be a list of {\"col\":...,\"dir\":...}");
    }
    var columns = new ArrayList<RowOrder.Column>();
    for (JsonNode term : orderBy) {
      String column = term.path("col").asText("");
      requireStoredColumn(column);
      columns.add(
          new RowOrder.Column(column, RowOrder.isDescending(term.path("dir").asText("asc"))));
    }
    return new RowOrder(columns);
  }

  private static List<String> columns(JsonNode selectCols) {
    if (selectCols == null || !selectCols.isArray()) {
      return List.of();
    }
    var columns = new ArrayList<String>();
    selectCols.forEach(column -> columns.add(column.asText()));
    return columns.contains("*") ? List.of() : columns;
  }

  private static void requireStoredColumn(String column) {
    if (!STORED_COLUMNS.contains(column)) {
      throw badQuery(column + " is not a valid search key");
    }
  }

  private static JsonNode parse(ObjectMapper json, Map<String, String> params, String name) {
    String raw = params.get(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return json.readTree(raw);
    } catch (JsonProcessingException e) {
      throw badQuery(name + " is not valid JSON");
    }
  }

  private static SimApiException badQuery(String detail) {
    return SimApiException.invalidRequest(
        "invalid_request", "Error in query parameters: " + detail);
  }
}
