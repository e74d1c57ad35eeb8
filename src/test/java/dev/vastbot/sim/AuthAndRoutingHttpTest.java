package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthAndRoutingHttpTest {
  private static final String USERS = "/api/v0/users/current";

  private final SimFixture sim = new SimFixture(SimSettings.defaults().withRateLimit(true));

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void acceptsBearerHeaderOrApiKeyParam() {
    assertEquals(200, sim.http.get(USERS).status());
    sim.http.withKey(null);
    assertEquals(200, sim.http.get(USERS + "?api_key=sim-api-key").status());
  }

  @Test
  void missingKeyIs403UnknownIs404RevokedIs401() {
    var missing = sim.http.withKey(null).get(USERS);
    assertEquals(403, missing.status());
    assertEquals(
        "{\"success\":false,\"error\":\"auth_error\",\"msg\":\"This action requires login.\"}",
        missing.body());
    var unknown = sim.http.withKey("wrong").get(USERS);
    assertEquals(404, unknown.status());
    assertEquals(
        "{\"success\":false,\"error\":\"auth_error\",\"msg\":\"Invalid user key\"}",
        unknown.body());
    sim.market.faults().revokeKey();
    var revoked = sim.http.withKey("sim-api-key").get(USERS);
    assertEquals(401, revoked.status());
    assertEquals("Invalid user key", revoked.json().get("msg").asText());
    sim.market.faults().clear();
    assertEquals(200, sim.http.get(USERS).status());
  }

  @Test
  void trailingSlashIsOptional() {
    assertEquals(200, sim.http.get(USERS + "/").status());
    assertEquals(200, sim.http.get("/api/v1/instances").status());
    assertEquals(200, sim.http.post("/api/v0/bundles", "{\"limit\":1}").status());
  }

  @Test
  void unknownPathIs404JsonAndBadBodyIs400() {
    var unknown = sim.http.get("/api/v0/nothing/here/");
    assertEquals(404, unknown.status());
    assertEquals("not_found", unknown.json().get("error").asText());
    assertFalse(unknown.json().get("success").asBoolean());
    var bad = sim.http.post("/api/v0/bundles/", "{\"gpu_name\":");
    assertEquals(400, bad.status());
    assertEquals("{\"error\":\"invalid_request\",\"msg\":\"Invalid json body\"}", bad.body());
  }

  @Test
  void userNeverEchoesTheKey() {
    var user = sim.http.get(USERS);
    assertFalse(user.body().contains("sim-api-key"));
    assertEquals("sim@vastbot.dev", user.json().get("email").asText());
    assertEquals(100.0, user.json().get("balance").asDouble(), 1e-9);
    assertEquals(100.0, user.json().get("credit").asDouble(), 1e-9);
  }

  @Test
  void rateLimiterEnforcesPerEndpointMinimumIntervalWithoutRetryAfter() {
    long id = sim.rent("RTX 3090", "limited");
    String path = "/api/v0/instances/" + id + "/";
    assertEquals(200, sim.http.get(path).status());
    var limited = sim.http.get(path);
    assertEquals(429, limited.status());
    assertTrue(limited.raw().headers().firstValue("Retry-After").isEmpty());
    assertTrue(
        limited.body().startsWith("API requests too frequent")
            || limited
                .body()
                .equals("{\"detail\":\"API requests too frequent endpoint threshold=2.0\"}"),
        limited.body());
    assertEquals(200, sim.http.get("/api/v1/instances/").status(), "other endpoints unaffected");
    sim.clock.advance(Duration.ofSeconds(2));
    assertEquals(200, sim.http.get(path).status());
  }

  @Test
  void rateLimitBodiesVaryBetweenTextAndJson() {
    var bodies = new HashSet<String>();
    for (int attempt = 0; attempt < 20; attempt++) {
      var answer = sim.http.get("/api/v1/instances/");
      if (answer.status() == 429) {
        bodies.add(answer.contentType().startsWith("application/json") ? "json" : "text");
      }
    }
    assertEquals(2, bodies.size(), "both 429 shapes seen: " + bodies);
  }
}
