package dev.vastbot.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code POST /bundles/} (search, plus the legacy {@code GET ?q=}) and {@code PUT /asks/{id}/}. */
final class OfferRoutes {
  private final SimMarketplace marketplace;
  private final ObjectMapper json;

  OfferRoutes(SimMarketplace marketplace, ObjectMapper json) {
    this.marketplace = marketplace;
    this.json = json;
  }

  void register(Router router) {
    router.add("POST", "/bundles/", call -> search(call.body()));
    router.add("GET", "/bundles/", call -> search(legacyQuery(call.request())));
    router.add("PUT", "/asks/{id}/", this::create);
  }

  private SimResponse search(JsonNode query) {
    var answer = json.createObjectNode();
    var offers = answer.putArray("offers");
    marketplace.searchOffers(OfferSearch.parse(query)).forEach(offers::add);
    return SimResponse.ok(answer);
  }

  private SimResponse create(Router.Call call) {
    return SimResponse.ok(marketplace.createInstance(call.id(), CreateOrder.fromJson(call.body())));
  }

  private JsonNode legacyQuery(SimRequest request) {
    String raw = request.query().get("q");
    if (raw == null || raw.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(raw);
    } catch (JsonProcessingException e) {
      throw SimApiException.invalidRequest("invalid_request", "q is not valid JSON");
    }
  }
}
