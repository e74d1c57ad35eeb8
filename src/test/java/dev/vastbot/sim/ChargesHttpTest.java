package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v0/charges/} on the wire: Vast's shape, paging, the day filter and the forbidden account. */
class ChargesHttpTest {
  private static final double MICRO_DOLLAR = 1e-6;
  private final SimFixture sim = new SimFixture();

  @AfterEach
  void stop() {
    sim.close();
  }

  private SimHttp.Answer charges(Instant from, Instant until, String extra) {
    String filters = "{\"day\":{\"gte\":" + from.getEpochSecond() + ",\"lte\":" + (until.getEpochSecond() - 1)
        + "},\"type\":{\"in\":[\"instance\"]}}";
    return sim.http.get("/api/v0/charges/?select_filters=" + SimHttp.encode(filters) + extra);
  }

  @Test
  void pagesByInstance_withVastsFields_andTheItemsAddUpToTheBalanceLost() {
    Instant from = sim.clock.instant();
    List<Long> ids = List.of(sim.rent("RTX 4090", "a"), sim.rent("RTX 3090", "b"), sim.rent("RTX 3060", "c"));
    sim.bootThrough();
    double balanceBefore = sim.market.balance();
    sim.clock.advance(Duration.ofHours(2));
    double lost = 100.0 - sim.market.balance();
    assertTrue(balanceBefore < 100.0);

    List<JsonNode> records = new ArrayList<>();
    var first = charges(from, sim.clock.instant(), "&limit=2");
    assertEquals(200, first.status(), first.body());
    assertEquals(2, first.json().get("count").asInt());
    assertEquals(3, first.json().get("total").asInt());
    first.json().get("results").forEach(records::add);
    String token = first.json().get("next_token").asText();
    var second = charges(from, sim.clock.instant(), "&limit=2&after_token=" + SimHttp.encode(token));
    assertEquals(200, second.status(), second.body());
    assertTrue(second.json().get("next_token").isNull());
    second.json().get("results").forEach(records::add);

    assertEquals(ids, records.stream().map(r -> Long.parseLong(r.get("source").asText().substring(9))).toList());
    double sum = 0;
    for (JsonNode record : records) {
      assertEquals("instance", record.get("type").asText());
      double items = 0;
      for (JsonNode item : record.get("items")) {
        items += item.get("amount").asDouble();
      }
      assertEquals(record.get("amount").asDouble(), items, MICRO_DOLLAR);
      sum += record.get("amount").asDouble();
    }
    assertEquals(lost, sum, MICRO_DOLLAR);
  }

  @Test
  void withoutBothDayBounds_400WithVastsMessage_andABadTokenIs400Too() {
    var noLte = sim.http.get("/api/v0/charges/?select_filters=" + SimHttp.encode("{\"day\":{\"gte\":0}}"));
    assertEquals(400, noLte.status());
    assertEquals("Must provide both 'day' gte and lte filters for instance charges",
        noLte.json().get("msg").asText());
    var none = sim.http.get("/api/v0/charges/");
    assertEquals(400, none.status());
    var badToken = charges(sim.clock.instant(), sim.clock.instant().plusSeconds(60), "&after_token=%25%25");
    assertEquals(400, badToken.status(), badToken.body());
  }

  @Test
  void forbidCharges_fromTheFaultsEndpoint_answers403AuthErrorUntilCleared() {
    assertEquals(200, sim.http.post("/_sim/faults", "{\"fault\":\"forbid_charges\"}").status());
    var forbidden = charges(sim.clock.instant(), sim.clock.instant().plusSeconds(60), "");
    assertEquals(403, forbidden.status());
    assertEquals("auth_error", forbidden.json().get("error").asText());
    sim.http.post("/_sim/faults", "{\"fault\":\"clear\"}");
    assertEquals(200, charges(sim.clock.instant(), sim.clock.instant().plusSeconds(60), "").status());
  }
}
