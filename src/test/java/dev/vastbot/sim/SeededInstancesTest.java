package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SeededInstancesTest {

  @Test
  void seedsTheAskedNumberOfExistingInstancesWithLabelsInOrder() {
    var market = new SimMarketplace(MutableClock.at(SimFixture.START), SimSettings.defaults());
    List<Long> ids = market.seedInstances(1_000);
    assertEquals(1_000, ids.size());
    assertEquals(1_000, new TreeSet<>(ids).size(), "distinct ids");
    assertEquals(new ArrayList<>(new TreeSet<>(ids)), ids, "ascending");
    List<SimInstanceView> instances = market.instances();
    assertEquals(1_000, instances.size());
    assertEquals("seed-0001", instances.get(0).label());
    assertEquals("seed-1000", instances.get(999).label());
    assertEquals(1, market.seedInstances(1).size());
    assertEquals("seed-1001", market.instances().get(1_000).label(), "numbering goes on");
  }

  @Test
  void theFleetLooksReal_mostlyRunningVariedGpusAndPrices() {
    var market = new SimMarketplace(MutableClock.at(SimFixture.START), SimSettings.defaults());
    market.seedInstances(1_000);
    List<SimInstanceView> instances = market.instances();
    Map<String, Long> byStatus =
        instances.stream()
            .collect(Collectors.groupingBy(SimInstanceView::actualStatus, Collectors.counting()));
    assertEquals(
        Set.of("running", "stopped", "exited", "offline"), byStatus.keySet(), byStatus.toString());
    assertTrue(byStatus.get("running") >= 880 && byStatus.get("running") <= 960, byStatus.toString());
    assertTrue(distinct(instances, SimInstanceView::gpuName) >= 10, "GPU models");
    assertTrue(distinct(instances, SimInstanceView::numGpus) >= 4, "GPU counts");
    assertTrue(distinct(instances, SimInstanceView::dphTotal) >= 990, "prices");
    long bids = instances.stream().filter(SimInstanceView::isBid).count();
    assertTrue(bids > 100 && bids < 250, bids + " interruptible");
    instances.stream()
        .filter(instance -> instance.actualStatus().equals("running"))
        .forEach(instance -> assertTrue(instance.sshEndpoint() != null, instance.toString()));
  }

  @Test
  void theCreditCoversThirtyDays_andTheCatalogStaysRentable() {
    var clock = MutableClock.at(SimFixture.START);
    var market = new SimMarketplace(clock, SimSettings.defaults());
    var plain = new SimMarketplace(MutableClock.at(SimFixture.START), SimSettings.defaults());
    market.seedInstances(1_000);
    long running = running(market);
    clock.advance(Duration.ofDays(29));
    assertTrue(market.balance() > 0, "balance after 29 days: " + market.balance());
    assertEquals(running, running(market), "nothing stopped for want of credit");
    var search = OfferSearch.parse(SimHttp.JSON.createObjectNode().put("limit", 1000));
    assertEquals(offerIds(plain.searchOffers(search)), offerIds(market.searchOffers(search)));
  }

  @Test
  void theSameSeedGivesTheSameFleet_anotherSeedAnother() {
    assertEquals(fleet(42), fleet(42));
    assertNotEquals(fleet(42), fleet(7));
  }

  @Test
  void aNegativeCountIsRefused() {
    var market = new SimMarketplace(MutableClock.at(SimFixture.START), SimSettings.defaults());
    assertThrows(IllegalArgumentException.class, () -> market.seedInstances(-1));
  }

  @Test
  void theV1ListServesThemAllInFortyPagesOf25() {
    try (var sim = new SimFixture()) {
      List<Long> ids = sim.market.seedInstances(1_000);
      var seen = new ArrayList<Long>();
      String token = null;
      int pages = 0;
      do {
        var answer =
            sim.http.get(
                "/api/v1/instances/?limit=25"
                    + (token == null ? "" : "&after_token=" + SimHttp.encode(token)));
        assertEquals(200, answer.status(), answer.body());
        JsonNode page = answer.json();
        pages++;
        assertTrue(page.get("instances").size() <= 25);
        assertEquals(1_000, page.get("total_instances").asInt());
        page.get("instances").forEach(instance -> seen.add(instance.get("id").asLong()));
        token = page.get("next_token").isNull() ? null : page.get("next_token").asText();
      } while (token != null && pages < 100);
      assertEquals(40, pages);
      assertEquals(ids, seen, "every instance once, by id ascending");
      var first = sim.http.get("/api/v1/instances/?limit=1").json().get("instances").get(0);
      assertEquals("seed-0001", first.get("label").asText());
      assertEquals("running", first.get("actual_status").asText());
      assertTrue(first.get("start_date").asDouble() < sim.clock.instant().getEpochSecond());
    }
  }

  private static List<SimInstanceView> fleet(long seed) {
    var market =
        new SimMarketplace(MutableClock.at(SimFixture.START), SimSettings.defaults().withSeed(seed));
    market.seedInstances(200);
    return market.instances();
  }

  private static List<Long> offerIds(List<ObjectNode> offers) {
    return offers.stream().map(offer -> offer.get("id").asLong()).toList();
  }

  private static long running(SimMarketplace market) {
    return market.instances().stream().filter(i -> "running".equals(i.actualStatus())).count();
  }

  private static <T> long distinct(
      List<SimInstanceView> instances, Function<SimInstanceView, T> field) {
    return instances.stream().map(field).distinct().count();
  }
}
