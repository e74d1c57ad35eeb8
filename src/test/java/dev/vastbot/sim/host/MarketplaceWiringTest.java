package dev.vastbot.sim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.testing.MutableClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SimMarketplace wired to a SimHostFleet, driven through its HTTP API. */
class MarketplaceWiringTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;
  final MutableClock clock = MutableClock.at("2026-09-01T12:00:00Z");
  final HttpClient http = HttpClient.newHttpClient();
  SimMarketplace market;
  SimVastServer server;
  SimHostFleet fleet;

  @BeforeEach
  void start() {
    market = new SimMarketplace(clock, SimSettings.defaults());
    fleet = new SimHostFleet(root, market::authorizedKeys, 42);
    market.setHostAttachment(fleet);
    server = SimVastServer.start(market, 0);
  }

  @AfterEach
  void stop() {
    server.close();
    fleet.close();
  }

  @Test
  void runningInstanceReportsItsHostsSshServerAndStoppingItDetaches() throws Exception {
    var key = FleetFixture.ed25519();
    call("POST", "/ssh/", "{\"ssh_key\":\"" + FleetFixture.line(key) + "\"}");
    JsonNode offer =
        call(
                "POST",
                "/bundles/",
                "{\"num_gpus\":{\"eq\":2},\"order\":[[\"dph_total\",\"asc\"]],\"limit\":1}")
            .get("offers")
            .get(0);
    long id =
        call(
                "PUT",
                "/asks/" + offer.get("id").asLong() + "/",
                "{\"image\":\"pytorch/pytorch\",\"disk\":20,\"runtype\":\"ssh_direc ssh_proxy\"}")
            .get("new_contract")
            .asLong();
    assertTrue(fleet.host(id).isEmpty(), "not attached before running");

    clock.advance(Duration.ofSeconds(5));
    JsonNode instance = call("GET", "/instances/" + id + "/", null).get("instances");
    assertEquals("running", instance.get("actual_status").asText());
    SimHost host = fleet.host(id).orElseThrow();
    int port = instance.get("ports").get("22/tcp").get(0).get("HostPort").asInt();
    assertEquals(host.sshPort(), port);
    assertEquals(port, instance.get("ssh_port").asInt());
    assertEquals("127.0.0.1", instance.get("ssh_host").asText());

    try (HostShell shell = HostShell.login(port, key)) {
      assertEquals(
          String.valueOf(offer.get("num_gpus").asInt()), shell.ok("nvidia-smi -L | wc -l"));
      assertEquals(host.tailscaleIp(), shell.ok("tailscale ip -4"));
    }

    call("PUT", "/instances/" + id + "/", "{\"state\":\"stopped\"}");
    assertEquals(
        "stopped",
        call("GET", "/instances/" + id + "/", null).get("instances").get("actual_status").asText());
    assertFalse(host.attached());
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
  }

  private JsonNode call(String method, String path, String body)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create(server.apiUrl() + path))
            .header("Authorization", "Bearer " + market.apiKey())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), method + " " + path + ": " + answer.body());
    return JSON.readTree(answer.body());
  }
}
