package dev.vastbot.vast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProviderException.Reason;
import dev.vastbot.fleet.RentalType;

/** Builds the offer-search query JSON (VAST_API §2.2) and reads offers (§2.3). */
final class OfferMapper {
  private OfferMapper() {}

  /**
   * The body of {@code POST /bundles/}: the SDK's default filters (verified, rentable, not rented,
   * not external) plus the query's own, ordered by total price.
   */
  static ObjectNode toQueryJson(ObjectMapper json, OfferQuery query) {
    ObjectNode body = json.createObjectNode();
    body.set("verified", op(json, "eq", true));
    body.set("external", op(json, "eq", false));
    body.set("rentable", op(json, "eq", true));
    body.set("rented", op(json, "eq", false));
    query.gpuName().ifPresent(name -> body.set("gpu_name", op(json, "eq", name)));
    query.numGpus().ifPresent(n -> body.set("num_gpus", json.createObjectNode().put("eq", n)));
    query.maxDph().ifPresent(max -> body.set("dph_total", json.createObjectNode().put("lte", max)));
    if (query.minReliability() > 0) {
      body.set("reliability", json.createObjectNode().put("gte", query.minReliability()));
    }
    ArrayNode order = body.putArray("order");
    order.addArray().add("dph_total").add("asc");
    body.put("type", query.rentalType() == RentalType.BID ? "bid" : "on-demand");
    body.put("limit", query.limit());
    body.put("allocated_storage", query.diskGb());
    return body;
  }

  private static ObjectNode op(ObjectMapper json, String op, boolean value) {
    return json.createObjectNode().put(op, value);
  }

  private static ObjectNode op(ObjectMapper json, String op, String value) {
    return json.createObjectNode().put(op, value);
  }

  static Offer toOffer(JsonNode node) {
    if (node == null || !node.isObject() || !node.path("id").canConvertToLong()) {
      throw new ProviderException(
          Reason.MALFORMED_RESPONSE, 200, "Vast API POST /bundles/: an offer without a numeric id");
    }
    return new Offer(
        node.get("id").asLong(),
        node.path("machine_id").asLong(0),
        InstanceMapper.textOrNull(node, "gpu_name"),
        node.path("num_gpus").asInt(0),
        node.path("gpu_ram").asInt(0),
        node.path("dph_total").asDouble(0),
        node.path("dph_base").asDouble(0),
        node.path("min_bid").asDouble(0),
        node.path("reliability").asDouble(node.path("reliability2").asDouble(0)),
        InstanceMapper.textOrNull(node, "geolocation"),
        node.path("disk_space").asDouble(0),
        node.path("inet_down").asDouble(0),
        node.path("verified").asBoolean("verified".equals(node.path("verification").asText())));
  }
}
