package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One {@code POST /bundles/} query: filters, order, limit and pricing (VAST_API §2.2). The
 * server-side defaults {@code verified=true}, {@code rentable=true} and {@code rented=false} apply
 * unless the query names those fields; filters on fields offers lack are ignored, as on Vast.
 */
record OfferSearch(RowFilter filter, RowOrder order, int limit, OfferPricing pricing) {
  private static final Set<String> NOT_FILTERS =
      Set.of("order", "type", "limit", "allocated_storage", "disable_bundling", "q", "select_cols");
  private static final RowOrder DEFAULT_ORDER = RowOrder.by("score", true);

  static OfferSearch parse(JsonNode query) {
    if (query == null || query.isNull()) {
      query = JsonNodeFactory.instance.objectNode();
    }
    if (query.has("q") && query.get("q").isObject()) {
      query = query.get("q");
    }
    RowFilter filter =
        RowFilter.parse(query, NOT_FILTERS)
            .withDefault(new FieldCondition("verified", "eq", BooleanNode.TRUE))
            .withDefault(new FieldCondition("rentable", "eq", BooleanNode.TRUE))
            .withDefault(new FieldCondition("rented", "eq", BooleanNode.FALSE));
    return new OfferSearch(
        filter,
        parseOrder(query.get("order")),
        parseLimit(query.get("limit")),
        OfferPricing.fromQuery(query));
  }

  List<ObjectNode> run(OfferCatalog catalog, Instant now) {
    var matches = new ArrayList<ObjectNode>();
    for (SimOffer offer : catalog.offers()) {
      ObjectNode row = OfferJson.render(offer, pricing, catalog.isRented(offer.id()), now);
      if (filter.matches(row)) {
        matches.add(row);
      }
    }
    matches.sort(order.comparator());
    return matches.size() > limit ? List.copyOf(matches.subList(0, limit)) : matches;
  }

  private static RowOrder parseOrder(JsonNode order) {
    if (order == null || order.isNull() || order.isEmpty()) {
      return DEFAULT_ORDER;
    }
    if (!order.isArray()) {
      throw SimApiException.invalidArgs("order must be a list of [field, direction] pairs");
    }
    if (order.get(0).isTextual()) {
      return new RowOrder(List.of(column(order)));
    }
    var columns = new ArrayList<RowOrder.Column>();
    order.forEach(pair -> columns.add(column(pair)));
    return new RowOrder(columns);
  }

  private static RowOrder.Column column(JsonNode pair) {
    if (!pair.isArray() || pair.isEmpty() || !pair.get(0).isTextual()) {
      throw SimApiException.invalidArgs("order must be a list of [field, direction] pairs");
    }
    String direction = pair.size() > 1 ? pair.get(1).asText() : "asc";
    return new RowOrder.Column(pair.get(0).asText(), RowOrder.isDescending(direction));
  }

  private static int parseLimit(JsonNode limit) {
    if (limit == null || limit.isNull()) {
      return Integer.MAX_VALUE;
    }
    try {
      int value = (int) Double.parseDouble(limit.asText());
      return value <= 0 ? Integer.MAX_VALUE : value;
    } catch (NumberFormatException e) {
      throw SimApiException.invalidArgs("limit must be an integer");
    }
  }
}
