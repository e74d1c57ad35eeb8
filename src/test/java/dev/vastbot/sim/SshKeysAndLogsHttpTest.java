package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SshKeysAndLogsHttpTest {
  private static final String ACCOUNT_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAccount me@laptop";
  private static final String LATER_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILater bot@vastbot";

  private final SimFixture sim = new SimFixture();

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void accountKeysAreRegisteredAndListed() {
    var added = sim.http.post("/api/v0/ssh/", "{\"ssh_key\":\"" + ACCOUNT_KEY + "\"}");
    assertEquals(200, added.status());
    assertTrue(added.json().get("success").asBoolean());
    assertEquals(ACCOUNT_KEY, added.json().get("key").get("public_key").asText());
    var listed = sim.http.get("/api/v0/ssh/").json().get("ssh_keys");
    assertEquals(1, listed.size());
    assertEquals(added.json().get("key").get("id"), listed.get(0).get("id"));
    var missing = sim.http.post("/api/v0/ssh/", "{}");
    assertEquals(400, missing.status());
    assertEquals("no_ssh_key", missing.json().get("error").asText());
  }

  @Test
  void instanceGetsAccountKeysAtCreateAndAttachedKeysLater() {
    sim.http.post("/api/v0/ssh/", "{\"ssh_key\":\"" + ACCOUNT_KEY + "\"}");
    long id = sim.rent("RTX 4090", "keys");
    assertEquals(List.of(ACCOUNT_KEY), sim.market.authorizedKeys(id));
    var attached =
        sim.http.post("/api/v0/instances/" + id + "/ssh/", "{\"ssh_key\":\"" + LATER_KEY + "\"}");
    assertEquals("{\"success\":true,\"msg\":\"SSH key attached successfully\"}", attached.body());
    assertEquals(List.of(ACCOUNT_KEY, LATER_KEY), sim.market.authorizedKeys(id));
    String listed =
        sim.http.get("/api/v0/instances/" + id + "/ssh/").json().get("ssh_keys").asText();
    assertTrue(listed.contains(LATER_KEY), listed);
    var unknown = sim.http.post("/api/v0/instances/77/ssh/", "{\"ssh_key\":\"" + LATER_KEY + "\"}");
    assertEquals(404, unknown.status());
    assertEquals(List.of(), sim.market.authorizedKeys(77));
  }

  @Test
  void logResultUrlIsMissingFirstThenServesText() {
    long id = sim.rent("RTX 3090", "logs");
    var requested =
        sim.http.put("/api/v0/instances/request_logs/" + id + "/", "{\"tail\":\"100\"}");
    assertEquals(200, requested.status());
    String url = requested.json().get("result_url").asText();
    assertTrue(url.startsWith(sim.server.origin() + "/_sim/logs/"), url);
    String path = url.substring(sim.server.origin().length());
    var noAuth = sim.http.withKey(null);
    assertEquals(404, noAuth.get(path).status());
    var ready = noAuth.get(path);
    assertEquals(200, ready.status());
    assertTrue(ready.body().contains("instance " + id), ready.body());
    var unknown = sim.http.withKey("sim-api-key").put("/api/v0/instances/request_logs/5/", "{}");
    assertEquals(404, unknown.status());
    assertEquals("invalid_id", unknown.json().get("error").asText());
  }
}
