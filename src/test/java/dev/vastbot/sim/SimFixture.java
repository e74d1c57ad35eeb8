package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;

/** A marketplace on a {@link MutableClock} behind a running server, plus a client for it. */
final class SimFixture implements AutoCloseable {
  static final String START = "2026-09-01T12:00:00Z";

  final MutableClock clock = MutableClock.at(START);
  final SimMarketplace market;
  final SimVastServer server;
  final SimHttp http;

  SimFixture() {
    this(SimSettings.defaults());
  }

  SimFixture(SimSettings settings) {
    market = new SimMarketplace(clock, settings);
    server = SimVastServer.start(market, 0);
    http = new SimHttp(server, settings.apiKey());
  }

  /** Offers matching {@code filter} (a JSON object body for /bundles/), cheapest first. */
  JsonNode offers(String filter) {
    var answer = http.post("/api/v0/bundles/", filter);
    assertEquals(200, answer.status(), answer.body());
    return answer.json().get("offers");
  }

  /** Rents the cheapest rentable offer of {@code gpuName}; returns the new instance id. */
  long rent(String gpuName, String label) {
    JsonNode offer =
        offers(
                "{\"gpu_name\":{\"eq\":\""
                    + gpuName
                    + "\"},"
                    + "\"order\":[[\"dph_total\",\"asc\"]],\"limit\":1}")
            .get(0);
    return create(offer.get("id").asLong(), label);
  }

  long create(long offerId, String label) {
    var answer =
        http.put(
            "/api/v0/asks/" + offerId + "/",
            "{\"client_id\":\"me\",\"image\":\"pytorch/pytorch\",\"disk\":20,\"label\":\""
                + label
                + "\",\"runtype\":\"ssh_direc ssh_proxy\"}");
    assertEquals(200, answer.status(), answer.body());
    return answer.json().get("new_contract").asLong();
  }

  /** {@code GET /instances/{id}/}'s {@code instances} value (null node when gone). */
  JsonNode instance(long id) {
    var answer = http.get("/api/v0/instances/" + id + "/");
    assertEquals(200, answer.status(), answer.body());
    return answer.json().get("instances");
  }

  String status(long id) {
    return instance(id).get("actual_status").asText(null);
  }

  /** Advances past both default boot delays (1 s + 3 s). */
  void bootThrough() {
    clock.advance(Duration.ofSeconds(5));
  }

  @Override
  public void close() {
    server.close();
  }
}
