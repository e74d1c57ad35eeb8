package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reading and changing instances: the v1 list, the deprecated v0 list (410 unless switched back),
 * one instance ({@code {"instances": null}} once gone), start/stop/label, reboot and destroy.
 */
final class InstanceRoutes {
  private final SimMarketplace marketplace;
  private final ObjectMapper json;

  InstanceRoutes(SimMarketplace marketplace, ObjectMapper json) {
    this.marketplace = marketplace;
    this.json = json;
  }

  void register(Router router) {
    router.add("GET", "/api/v1/instances/", this::listV1);
    router.add("GET", "/instances/", call -> listV0());
    router.add("GET", "/instances/{id}/", this::show);
    router.add("PUT", "/instances/{id}/", this::update);
    router.add("DELETE", "/instances/{id}/", this::destroy);
    router.add("PUT", "/instances/reboot/{id}/", this::reboot);
    router.add("PUT", "/instances/bid_price/{id}/", this::changeBid);
  }

  private SimResponse listV1(Router.Call call) {
    var query = InstanceListQuery.fromParams(call.request().query(), json);
    boolean repeat = query.after().isPresent() && marketplace.faults().takeDuplicateIds();
    return SimResponse.ok(InstancePage.build(json, marketplace.instanceRows(), query, repeat));
  }

  private SimResponse listV0() {
    if (marketplace.faults().listEndpointDeprecated()) {
      throw SimApiException.of(
          410,
          "deprecated_endpoint",
          "/api/v0/instances/ is deprecated. Use /api/v1/instances/ instead.");
    }
    var answer = json.createObjectNode();
    var instances = answer.putArray("instances");
    marketplace.instanceRows().forEach(instances::add);
    return SimResponse.ok(answer);
  }

  private SimResponse show(Router.Call call) {
    var answer = json.createObjectNode();
    answer.set("instances", marketplace.instanceJson(call.id()).orElse(null));
    return SimResponse.ok(answer);
  }

  private SimResponse update(Router.Call call) {
    JsonNode body = call.body();
    marketplace.updateInstance(call.id(), text(body, "state"), text(body, "label"));
    return success();
  }

  private SimResponse destroy(Router.Call call) {
    marketplace.destroy(call.id());
    return success();
  }

  /** {@code {"client_id":"me","price":0.17}}: the price in 0.001..32 $/h. */
  private SimResponse changeBid(Router.Call call) {
    JsonNode price = call.body().get("price");
    if (price == null || !price.isNumber() || price.doubleValue() < 0.001 || price.doubleValue() > 32) {
      throw SimApiException.invalidArgs("error 400/3467: Invalid args: 'price' must be a number in 0.001-32");
    }
    marketplace.changeBid(call.id(), price.doubleValue());
    return success();
  }

  private SimResponse reboot(Router.Call call) {
    marketplace.reboot(call.id());
    return success();
  }

  private SimResponse success() {
    return SimResponse.ok(json.createObjectNode().put("success", true));
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
