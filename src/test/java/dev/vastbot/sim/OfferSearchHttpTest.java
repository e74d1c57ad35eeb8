package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OfferSearchHttpTest {
  private static final String CLI_DEFAULTS =
      "\"verified\":{\"eq\":true},\"external\":{\"eq\":false},\"rentable\":{\"eq\":true}";

  private final SimFixture sim = new SimFixture();

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void seedsEnoughCheapReliableSingleRtx4090s() {
    JsonNode all4090s = sim.offers("{\"gpu_name\":{\"eq\":\"RTX 4090\"}}");
    assertTrue(all4090s.size() >= 6, "4090 offers: " + all4090s.size());
    JsonNode cheap =
        sim.offers(
            "{"
                + CLI_DEFAULTS
                + ",\"gpu_name\":{\"eq\":\"RTX 4090\"},"
                + "\"num_gpus\":{\"eq\":\"1\"},\"dph_total\":{\"lte\":0.5},\"reliability\":{\"gte\":\"0.95\"},"
                + "\"type\":\"on-demand\",\"allocated_storage\":5.0}");
    assertTrue(cheap.size() >= 3, "cheap reliable 4090s: " + cheap.size());
    for (JsonNode offer : cheap) {
      assertEquals(1, offer.get("num_gpus").asInt());
      assertTrue(offer.get("dph_total").asDouble() <= 0.5);
      assertTrue(offer.get("reliability").asDouble() >= 0.95);
    }
  }

  @Test
  void offersCarryVastFieldsAndUnits() {
    JsonNode offer = sim.offers("{\"gpu_name\":{\"eq\":\"RTX 4090\"},\"limit\":1}").get(0);
    for (String field :
        List.of(
            "id",
            "ask_contract_id",
            "machine_id",
            "host_id",
            "num_gpus",
            "gpu_total_ram",
            "cpu_cores_effective",
            "cpu_ram",
            "disk_space",
            "inet_up",
            "inet_down",
            "reliability2",
            "verification",
            "rentable",
            "rented",
            "external",
            "dph_base",
            "min_bid",
            "storage_cost",
            "storage_total_cost",
            "geolocation",
            "direct_port_count",
            "score",
            "cuda_max_good",
            "driver_version")) {
      assertTrue(offer.has(field), field);
    }
    assertEquals(offer.get("id"), offer.get("ask_contract_id"));
    assertEquals(24564, offer.get("gpu_ram").asInt(), "gpu_ram is in MB");
    assertEquals("127.0.0.1", offer.get("public_ipaddr").asText());
    assertTrue(offer.get("min_bid").asDouble() < offer.get("dph_base").asDouble());
  }

  @Test
  void filtersTakeNumericStringsListsAndBooleans() {
    JsonNode offers =
        sim.offers(
            "{\"num_gpus\":{\"gte\":\"2\"},"
                + "\"gpu_name\":{\"in\":[\"RTX 3090\",\"A100 SXM4\",\"H100 SXM\"]},"
                + "\"geolocation\":{\"notin\":[\"Tokyo, JP\"]},\"verified\":{\"eq\":\"true\"}}");
    assertFalse(offers.isEmpty());
    for (JsonNode offer : offers) {
      assertTrue(offer.get("num_gpus").asInt() >= 2);
      assertTrue(
          List.of("RTX 3090", "A100 SXM4", "H100 SXM").contains(offer.get("gpu_name").asText()));
      assertNotEquals("Tokyo, JP", offer.get("geolocation").asText());
      assertTrue(offer.get("verified").asBoolean());
    }
    JsonNode gpuRam = sim.offers("{\"gpu_ram\":{\"gte\":40000.0},\"gpu_name\":{\"neq\":\"A40\"}}");
    gpuRam.forEach(offer -> assertTrue(offer.get("gpu_ram").asInt() >= 40000));
    gpuRam.forEach(offer -> assertNotEquals("A40", offer.get("gpu_name").asText()));
  }

  @Test
  void unknownFilterFieldsAreIgnored() {
    int all = sim.offers("{}").size();
    assertEquals(all, sim.offers("{\"no_such_field\":{\"eq\":42}}").size());
  }

  @Test
  void ordersAndLimits() {
    JsonNode cheapest = sim.offers("{\"order\":[[\"dph_total\",\"asc\"]],\"limit\":7}");
    assertEquals(7, cheapest.size());
    assertSorted(cheapest, offer -> offer.get("dph_total").asDouble(), false);
    JsonNode byScore = sim.offers("{}");
    assertSorted(byScore, offer -> offer.get("score").asDouble(), true);
    JsonNode priciest = sim.offers("{\"order\":[[\"dph_total\",\"desc\"]],\"limit\":1}");
    assertEquals("H100 SXM", priciest.get(0).get("gpu_name").asText());
  }

  @Test
  void allocatedStorageRepricesDphTotal() {
    JsonNode small =
        sim.offers("{\"order\":[[\"id\",\"asc\"]],\"limit\":1,\"allocated_storage\":5}");
    JsonNode big =
        sim.offers("{\"order\":[[\"id\",\"asc\"]],\"limit\":1,\"allocated_storage\":100}");
    JsonNode offer = big.get(0);
    double storageCost = offer.get("storage_cost").asDouble();
    assertEquals(storageCost * 100 / 720, offer.get("storage_total_cost").asDouble(), 1e-9);
    assertEquals(
        offer.get("dph_base").asDouble() + storageCost * 100 / 720,
        offer.get("dph_total").asDouble(),
        1e-9);
    assertTrue(offer.get("dph_total").asDouble() > small.get(0).get("dph_total").asDouble());
  }

  @Test
  void bidSearchPricesAtMinimumBid() {
    String query = "{\"order\":[[\"id\",\"asc\"]],\"limit\":1,\"type\":\"%s\"}";
    JsonNode onDemand = sim.offers(String.format(query, "on-demand")).get(0);
    JsonNode bid = sim.offers(String.format(query, "bid")).get(0);
    assertEquals(onDemand.get("id"), bid.get("id"));
    assertEquals(onDemand.get("min_bid").asDouble(), bid.get("dph_base").asDouble(), 1e-9);
    assertTrue(bid.get("dph_total").asDouble() < onDemand.get("dph_total").asDouble());
    assertEquals(
        onDemand.get("dph_total"),
        sim.offers(String.format(query, "ondemand")).get(0).get("dph_total"));
  }

  @Test
  void rentedOfferDisappearsUntilItsInstanceIsDestroyed() {
    JsonNode offer = sim.offers("{\"gpu_name\":{\"eq\":\"RTX 3070\"},\"limit\":1}").get(0);
    String byId = "{\"id\":{\"eq\":" + offer.get("id").asLong() + "}}";
    long instance = sim.create(offer.get("id").asLong(), "taken");
    assertEquals(0, sim.offers(byId).size());
    JsonNode rented =
        sim.offers(
            "{\"id\":{\"eq\":"
                + offer.get("id").asLong()
                + "},"
                + "\"rentable\":{\"eq\":false},\"rented\":{\"eq\":true}}");
    assertEquals(1, rented.size());
    assertTrue(rented.get(0).get("rented").asBoolean());
    assertEquals(200, sim.http.delete("/api/v0/instances/" + instance + "/").status());
    assertEquals(1, sim.offers(byId).size());
  }

  @Test
  void legacyGetWithQueryParamAlsoSearches() {
    var answer =
        sim.http.get("/api/v0/bundles?q=" + SimHttp.encode("{\"gpu_name\":{\"eq\":\"A40\"}}"));
    assertEquals(200, answer.status());
    answer.json().get("offers").forEach(o -> assertEquals("A40", o.get("gpu_name").asText()));
  }

  @Test
  void unknownOperatorIsBadRequest() {
    var answer = sim.http.post("/api/v0/bundles/", "{\"num_gpus\":{\"about\":2}}");
    assertEquals(400, answer.status());
    assertEquals("invalid_args", answer.json().get("error").asText());
  }

  @Test
  void sameSeedSameOffersOtherSeedOtherOffers() {
    try (var twin = new SimFixture();
        var other = new SimFixture(SimSettings.defaults().withSeed(7))) {
      assertEquals(sim.offers("{}"), twin.offers("{}"));
      assertNotEquals(sim.offers("{}"), other.offers("{}"));
    }
  }

  private static void assertSorted(JsonNode offers, ToDoubleFunction<JsonNode> key, boolean desc) {
    var values = new ArrayList<Double>();
    offers.forEach(offer -> values.add(key.applyAsDouble(offer)));
    for (int index = 1; index < values.size(); index++) {
      int order = Double.compare(values.get(index - 1), values.get(index));
      assertTrue(desc ? order >= 0 : order <= 0, "not sorted: " + values);
    }
  }
}
