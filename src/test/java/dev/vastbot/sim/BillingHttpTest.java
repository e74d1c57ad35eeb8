package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BillingHttpTest {
  private static final double CENT_FRACTION = 1e-9;

  private SimFixture sim = new SimFixture();

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void runningPaysGpuPlusStorageBootingPaysStorageOnly() {
    long id = sim.rent("RTX 4090", "billed");
    JsonNode instance = sim.instance(id);
    double storage = instance.get("storage_total_cost").asDouble();
    double dphBase = instance.get("dph_base").asDouble();
    assertEquals(instance.get("storage_cost").asDouble() * 20 / 720, storage, CENT_FRACTION);
    assertEquals(dphBase + storage, instance.get("dph_total").asDouble(), CENT_FRACTION);

    sim.clock.advance(Duration.ofSeconds(4));
    assertEquals(100.0 - storage * 4 / 3600, balance(), CENT_FRACTION);
    sim.clock.advance(Duration.ofHours(1));
    assertEquals(100.0 - storage * 4 / 3600 - (dphBase + storage), balance(), CENT_FRACTION);
    assertEquals(100.0 - balance(), sim.market.instance(id).orElseThrow().charged(), CENT_FRACTION);
  }

  @Test
  void stoppedPaysStorageOfflineAndDestroyedPayNothing() {
    long id = sim.rent("RTX 3090", "storage");
    double storage = sim.instance(id).get("storage_total_cost").asDouble();
    sim.bootThrough();
    sim.http.put("/api/v0/instances/" + id + "/", "{\"state\":\"stopped\"}");
    double atStop = balance();
    sim.clock.advance(Duration.ofHours(2));
    assertEquals(atStop - 2 * storage, balance(), CENT_FRACTION);

    sim.market.faults().hostOffline(id);
    double atOffline = balance();
    sim.clock.advance(Duration.ofHours(3));
    assertEquals(atOffline, balance(), CENT_FRACTION);

    sim.http.delete("/api/v0/instances/" + id + "/");
    double atDestroy = balance();
    sim.clock.advance(Duration.ofHours(5));
    assertEquals(atDestroy, balance(), CENT_FRACTION);
  }

  @Test
  void exhaustedBalanceStopsEveryInstance() {
    sim.close();
    sim = new SimFixture(SimSettings.defaults().withStartingBalance(1.0));
    long first = sim.rent("H100 SXM", "pricey");
    long second = sim.rent("RTX 3060", "cheap");
    double storage =
        sim.instance(first).get("storage_total_cost").asDouble()
            + sim.instance(second).get("storage_total_cost").asDouble();
    sim.bootThrough();
    sim.clock.advance(Duration.ofHours(2));
    assertTrue(balance() <= 0, "balance " + balance());
    assertTrue(balance() > -storage * 2, "only storage after the stop: " + balance());
    for (long id : new long[] {first, second}) {
      JsonNode instance = sim.instance(id);
      assertEquals("stopped", instance.get("actual_status").asText());
      assertEquals("stopped", instance.get("intended_status").asText());
    }
    var start = sim.http.put("/api/v0/instances/" + first + "/", "{\"state\":\"running\"}");
    assertEquals(400, start.status());
    assertEquals("insufficient_credit", start.json().get("error").asText());
  }

  @Test
  void billingIsLazyAndIndependentOfHowOftenItIsRead() {
    long id = sim.rent("RTX 3070", "lazy");
    try (var twin = new SimFixture()) {
      long twinId = twin.rent("RTX 3070", "lazy");
      assertEquals(id, twinId);
      for (int minute = 0; minute < 90; minute++) {
        sim.clock.advance(Duration.ofMinutes(1));
        balance();
      }
      twin.clock.advance(Duration.ofMinutes(90));
      assertEquals(sim.market.balance(), twin.market.balance(), 1e-9);
    }
  }

  private double balance() {
    var user = sim.http.get("/api/v0/users/current");
    assertEquals(200, user.status());
    assertEquals(sim.market.balance(), user.json().get("balance").asDouble(), CENT_FRACTION);
    return user.json().get("balance").asDouble();
  }
}
