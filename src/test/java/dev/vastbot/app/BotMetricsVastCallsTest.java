package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.RentalType;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.vast.ApiKey;
import dev.vastbot.vast.VastClient;
import dev.vastbot.vast.VastClientSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real Vast client, against the simulated API over HTTP, reporting its attempts to BotMetrics. */
class BotMetricsVastCallsTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SimMarketplace marketplace = new SimMarketplace(clock, SimSettings.defaults());
  private final SimVastServer server = SimVastServer.start(marketplace, 0);
  private final BotMetrics metrics = new BotMetrics(clock);

  @AfterEach
  void stop() {
    server.close();
  }

  private VastClient client(String key) {
    return VastClient.create(new OkHttpClient(), VastClientSettings.defaults(server.apiUrl(), ApiKey.of(key))
        .withTime(clock, clock.pause())
        .withRequestTimeout(Duration.ofSeconds(5))
        .withJitter(new Random(7))
        .withObserver(metrics));
  }

  private static String calls(String endpoint, String outcome, String count) {
    return "vastbot_vast_api_calls_total{endpoint=\"" + endpoint + "\",outcome=\"" + outcome + "\"} " + count;
  }

  @Test
  void callsAreCounted_byEndpointAndOutcome_eachRetriedAttemptToo() {
    VastClient client = client(marketplace.apiKey());
    client.searchOffers(new OfferQuery(Optional.empty(), Optional.empty(), 0, Optional.empty(),
        RentalType.ON_DEMAND, 10, 5));
    marketplace.faults().serverErrors(503, 2);
    client.currentAccount();
    marketplace.faults().rateLimitStorm(1);
    client.listInstances();
    client.listInstances();
    assertThrows(ProviderException.class, () -> client("not-the-key-0123456789").listInstances());

    String scrape = metrics.scrape();

    assertTrue(scrape.contains(calls("POST /bundles/", "ok", "1.0")), scrape);
    assertTrue(scrape.contains(calls("GET /users/current", "unavailable", "2.0")), scrape);
    assertTrue(scrape.contains(calls("GET /users/current", "ok", "1.0")), scrape);
    assertTrue(scrape.contains(calls("GET /api/v1/instances/", "rate_limited", "1.0")), scrape);
    assertTrue(scrape.contains(calls("GET /api/v1/instances/", "ok", "2.0")), scrape);
    assertTrue(scrape.contains(calls("GET /api/v1/instances/", "invalid_key", "1.0")), scrape);
    assertTrue(scrape.contains(
        "vastbot_vast_api_call_duration_seconds_count{endpoint=\"GET /users/current\",outcome=\"unavailable\"} 2"),
        scrape);
    assertTrue(!scrape.contains(marketplace.apiKey()), "no secret in the scrape");
  }
}
