package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InstanceListHttpTest {
  private final SimFixture sim = new SimFixture();
  private final List<Long> created = new ArrayList<>();

  @BeforeEach
  void rentThirtyInstances() {
    JsonNode offers = sim.offers("{\"order\":[[\"id\",\"asc\"]],\"limit\":30}");
    assertEquals(30, offers.size());
    for (int index = 0; index < offers.size(); index++) {
      created.add(sim.create(offers.get(index).get("id").asLong(), "job-" + (index % 3)));
    }
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void followsNextTokenThroughPagesOfAtMost25() {
    JsonNode first = list("");
    assertTrue(first.get("success").asBoolean());
    assertEquals(25, first.get("instances").size());
    assertEquals(30, first.get("total_instances").asInt());
    String token = first.get("next_token").asText();
    JsonNode second = list("after_token=" + SimHttp.encode(token));
    assertEquals(5, second.get("instances").size());
    assertTrue(second.get("next_token").isNull());
    var seen = new ArrayList<Long>();
    first.get("instances").forEach(instance -> seen.add(instance.get("id").asLong()));
    second.get("instances").forEach(instance -> seen.add(instance.get("id").asLong()));
    assertEquals(created, seen, "all instances once, by id ascending");
  }

  @Test
  void duplicateIdsFault_startsTheNextPageWithTheLastInstanceOfThePageBefore() {
    sim.market.faults().duplicateIds(1);
    JsonNode first = list("");
    JsonNode second = list("after_token=" + SimHttp.encode(first.get("next_token").asText()));
    assertEquals(6, second.get("instances").size());
    assertEquals(created.get(24), second.get("instances").get(0).get("id").asLong());
    assertEquals(created.get(25), second.get("instances").get(1).get("id").asLong());
    JsonNode again = list("after_token=" + SimHttp.encode(first.get("next_token").asText()));
    assertEquals(5, again.get("instances").size(), "one page was asked for");
  }

  @Test
  void clampsLimit() {
    assertEquals(25, list("limit=100").get("instances").size());
    assertEquals(5, list("limit=0").get("instances").size());
    assertEquals(5, list("limit=-3").get("instances").size());
    assertEquals(7, list("limit=7").get("instances").size());
  }

  @Test
  void invalidTokenIs400() {
    var answer = sim.http.get("/api/v1/instances/?after_token=not-a-token!");
    assertEquals(400, answer.status());
    assertEquals("invalid_token", answer.json().get("error").asText());
  }

  @Test
  void filtersOnStoredColumns() {
    String filter =
        SimHttp.encode("{\"label\":{\"eq\":\"job-1\"},\"actual_status\":{\"in\":[null]}}");
    JsonNode page = list("select_filters=" + filter);
    assertEquals(10, page.get("instances").size());
    page.get("instances")
        .forEach(instance -> assertEquals("job-1", instance.get("label").asText()));
    sim.bootThrough();
    String running = SimHttp.encode("{\"actual_status\":{\"in\":[\"running\",\"loading\"]}}");
    assertEquals(25, list("select_filters=" + running).get("instances").size());
  }

  @Test
  void computedColumnsAreNotSearchKeys() {
    for (String column : List.of("dph_total", "num_gpus")) {
      var answer =
          sim.http.get(
              "/api/v1/instances/?select_filters="
                  + SimHttp.encode("{\"" + column + "\":{\"lte\":1}}"));
      assertEquals(400, answer.status());
      assertEquals("invalid_request", answer.json().get("error").asText());
      assertTrue(answer.json().get("msg").asText().contains(column + " is not a valid search key"));
    }
  }

  @Test
  void ordersByColumnWithKeysetPaging() {
    String order = "order_by=" + SimHttp.encode("[{\"col\":\"id\",\"dir\":\"desc\"}]");
    JsonNode first = list(order + "&limit=20");
    assertEquals(created.get(29).longValue(), first.get("instances").get(0).get("id").asLong());
    JsonNode second =
        list(order + "&limit=20&after_token=" + SimHttp.encode(first.get("next_token").asText()));
    assertEquals(10, second.get("instances").size());
    assertEquals(created.get(0).longValue(), second.get("instances").get(9).get("id").asLong());
  }

  @Test
  void selectColsTrimsRows() {
    JsonNode row =
        list("select_cols=" + SimHttp.encode("[\"id\",\"label\",\"nope\"]"))
            .get("instances")
            .get(0);
    assertEquals(3, row.size());
    assertTrue(row.get("nope").isNull());
  }

  @Test
  void v0ListIsGoneUnlessTheOldBehaviourIsSwitchedOn() {
    var gone = sim.http.get("/api/v0/instances/?owner=me");
    assertEquals(410, gone.status());
    assertEquals(
        "{\"success\":false,\"error\":\"deprecated_endpoint\",\"msg\":\"/api/v0/instances/"
            + " is deprecated. Use /api/v1/instances/ instead.\"}",
        gone.body());
    sim.market.faults().deprecatedListEndpoint(false);
    var old = sim.http.get("/api/v0/instances");
    assertEquals(200, old.status());
    assertEquals(30, old.json().get("instances").size());
  }

  private JsonNode list(String query) {
    var answer = sim.http.get("/api/v1/instances/?" + query);
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }
}
