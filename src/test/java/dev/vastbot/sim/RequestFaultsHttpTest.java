package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestFaultsHttpTest {
  private static final String USERS = "/api/v0/users/current";

  private final SimFixture sim = new SimFixture();
  private final SimFaults faults = sim.market.faults();

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void rateLimitStormHitsTheNextRequests() {
    faults.rateLimitStorm(2);
    assertEquals(429, sim.http.get(USERS).status());
    assertEquals(429, sim.http.get(USERS).status());
    assertEquals(200, sim.http.get(USERS).status());
  }

  @Test
  void endlessStormLastsUntilCleared() {
    faults.rateLimitStorm(-1);
    for (int attempt = 0; attempt < 5; attempt++) {
      var answer = sim.http.get(USERS);
      assertEquals(429, answer.status());
      assertTrue(answer.raw().headers().firstValue("Retry-After").isEmpty());
    }
    faults.clear();
    assertEquals(200, sim.http.get(USERS).status());
  }

  @Test
  void serverErrorsAnswerGatewayPages() {
    faults.serverErrors(502, 1);
    var gateway = sim.http.get(USERS);
    assertEquals(502, gateway.status());
    assertTrue(gateway.body().contains("502 Bad Gateway"));
    assertEquals(200, sim.http.get(USERS).status());
    faults.serverErrors(500, 1);
    assertEquals("server_error", sim.http.get(USERS).json().get("error").asText());
    assertThrows(IllegalArgumentException.class, () -> faults.serverErrors(418, 1));
  }

  @Test
  void slowAnswerTripsTheClientTimeout() {
    faults.slowAnswers(Duration.ofMillis(400), 1);
    var slowClient = new SimHttp(sim.server, "sim-api-key").withTimeout(Duration.ofMillis(100));
    var timeout = assertThrows(UncheckedIOException.class, () -> slowClient.get(USERS));
    assertTrue(timeout.getCause() instanceof HttpTimeoutException, timeout.toString());
    assertEquals(200, slowClient.get(USERS).status());
  }

  @Test
  void malformedJsonIsA200ThatDoesNotParse() {
    faults.malformedJson(1);
    var broken = sim.http.get(USERS);
    assertEquals(200, broken.status());
    assertThrows(JsonProcessingException.class, () -> SimHttp.JSON.readTree(broken.body()));
    assertTrue(sim.http.get(USERS).json().get("id").isNumber(), "next answer is whole again");
  }

  @Test
  void droppedCreateAnswerStillCreatesTheInstance() {
    long offer =
        sim.offers("{\"gpu_name\":{\"eq\":\"RTX 4090\"},\"limit\":1}").get(0).get("id").asLong();
    faults.dropResponseAfterCreate(1);
    var lost =
        sim.http.put("/api/v0/asks/" + offer + "/", "{\"image\":\"img\",\"label\":\"idem-7\"}");
    assertEquals(504, lost.status());
    var found =
        sim.http.get(
            "/api/v1/instances/?select_filters="
                + SimHttp.encode("{\"label\":{\"eq\":\"idem-7\"}}"));
    assertEquals(1, found.json().get("instances").size());
    assertEquals(1, sim.market.instances().size());
  }

  @Test
  void adminEndpointSwitchesFaultsAndReportsState() {
    var ok =
        sim.http
            .withKey(null)
            .post("/_sim/faults", "{\"fault\":\"rate_limit_storm\",\"requests\":1}");
    assertEquals("{\"ok\":true}", ok.body());
    assertEquals(429, sim.http.withKey("sim-api-key").get(USERS).status());
    assertEquals(200, sim.http.get(USERS).status());

    var unknown = sim.http.post("/_sim/faults", "{\"fault\":\"meteor_strike\"}");
    assertEquals(400, unknown.status());
    assertTrue(unknown.json().get("error").asText().contains("unknown fault 'meteor_strike'"));
    var noInstance = sim.http.post("/_sim/faults", "{\"fault\":\"outbid\",\"instance\":99}");
    assertEquals(400, noInstance.status());
    assertTrue(noInstance.json().get("error").asText().contains("no such instance: 99"));

    long id = sim.rent("RTX 3070", "admin");
    assertEquals(
        200,
        sim.http
            .post(
                "/_sim/faults",
                "{\"fault\":\"container_exited\",\"instance\":" + id + ",\"msg\":\"bye\"}")
            .status());
    var state = sim.http.withKey(null).get("/_sim/state").json();
    assertEquals(100.0, state.get("balance").asDouble(), 1e-3);
    assertEquals(id, state.get("instances").get(0).get("id").asLong());
    assertEquals("exited", state.get("instances").get(0).get("actual_status").asText());
  }
}
