package dev.vastbot.vast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.fleet.CreateRequest;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProviderException.Reason;
import dev.vastbot.fleet.RentalType;
import dev.vastbot.fleet.cost.ChargeLine;
import dev.vastbot.fleet.cost.VastCharges;
import dev.vastbot.service.cost.ChargesCheck;
import dev.vastbot.sim.SimInstanceView;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real client's charges against the simulated Vast API over HTTP on loopback. */
class VastClientChargesTest {
  private static final double MICRO_DOLLAR = 1e-6;
  private final MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");
  private final AtomicInteger chargeRequests = new AtomicInteger();
  private SimMarketplace marketplace;
  private SimVastServer server;
  private VastClient client;

  @BeforeEach
  void start() {
    marketplace = new SimMarketplace(clock, SimSettings.defaults());
    server = SimVastServer.start(marketplace, 0);
    client = clientWithKey(marketplace.apiKey());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private VastClient clientWithKey(String key) {
    return VastClient.create(new OkHttpClient(), VastClientSettings.defaults(server.apiUrl(), ApiKey.of(key))
        .withTime(clock, clock.pause())
        .withRequestTimeout(Duration.ofSeconds(5))
        .withJitter(new Random(7))
        .withObserver((endpoint, outcome, took) -> {
          if (endpoint.equals("GET /charges/")) {
            chargeRequests.incrementAndGet();
          }
        }));
  }

  @Test
  void readsEveryPage_andEachInstanceOnce_withWhatTheSimBilledIt() {
    Instant from = clock.instant();
    marketplace.seedInstances(520);  // more than one page of 500
    clock.advance(Duration.ofHours(2));

    Map<Long, Double> billed = new java.util.TreeMap<>();
    marketplace.instances().stream().filter(i -> i.charged() > 0)
        .forEach(i -> billed.put(i.id(), i.charged()));

    // the client's pacing moves the clock between the pages; the period stays where it was asked
    VastCharges charges = client.charges(from, clock.instant());

    assertEquals(2, chargeRequests.get(), "two pages");
    assertTrue(billed.size() > 400, "most seeded instances are billed: " + billed.size());
    assertEquals(billed.size(), charges.lines().size());
    assertEquals(billed.size(), new HashSet<>(charges.lines().stream().map(ChargeLine::instanceId).toList()).size());
    charges.byInstance().forEach((id, amount) -> assertEquals(billed.get(id), amount, MICRO_DOLLAR, "instance " + id));
    for (ChargeLine line : charges.lines()) {
      assertEquals(line.amount(), line.gpu().orElseThrow() + line.disk().orElseThrow(), MICRO_DOLLAR);
    }
  }

  @Test
  void cutsChargesToThePeriod_andKeepsADestroyedInstance() {
    Offer offer = client.searchOffers(new OfferQuery(Optional.of("RTX 4090"), Optional.of(0.6), 0.9,
        Optional.empty(), RentalType.ON_DEMAND, 50, 20)).get(0);
    long id = client.createInstance(new CreateRequest(offer.id(), "pytorch/pytorch:2.0", 50, Map.of(),
        "echo hi", "charged", Optional.empty()));
    clock.advance(Duration.ofSeconds(5));  // past the boot delays: running
    SimInstanceView running = marketplace.instance(id).orElseThrow();
    Instant from = clock.instant();
    double before = running.charged();
    clock.advance(Duration.ofHours(1));
    double hourRunning = marketplace.instance(id).orElseThrow().charged() - before;
    client.destroyInstance(id);
    clock.advance(Duration.ofHours(1));

    VastCharges charges = client.charges(from, clock.instant());

    assertEquals(1, charges.lines().size(), charges.toString());
    ChargeLine line = charges.lines().get(0);
    assertEquals(id, line.instanceId());
    assertEquals(running.dphTotal(), line.amount(), MICRO_DOLLAR);
    assertEquals(hourRunning, line.amount(), MICRO_DOLLAR);
    assertTrue(line.gpu().orElseThrow() > line.disk().orElseThrow(), line.toString());
    assertEquals(0, client.charges(clock.instant().minus(Duration.ofMinutes(30)), clock.instant()).lines().size(),
        "nothing after the destroy");
  }

  @Test
  void withoutTheDayFilter_theSimAnswers400WithVastsMessage() throws Exception {
    HttpUrl url = HttpUrl.get(server.apiUrl() + "/charges/").newBuilder()
        .addQueryParameter("select_filters", "{\"type\":{\"in\":[\"instance\"]}}").build();
    var request = new Request.Builder().url(url).header("Authorization", "Bearer " + marketplace.apiKey()).build();
    try (var response = new OkHttpClient().newCall(request).execute()) {
      assertEquals(400, response.code());
      var body = new ObjectMapper().readTree(response.body().string());
      assertEquals("Must provide both 'day' gte and lte filters for instance charges", body.path("msg").asText());
      assertEquals("invalid_args", body.path("error").asText());
    }
  }

  @Test
  void anAccountThatMayNotReadCharges_isForbidden_andTheCheckSaysNotAvailable() {
    marketplace.faults().forbidCharges();
    Instant now = clock.instant();

    var failure = assertThrows(ProviderException.class, () -> client.charges(now.minus(Duration.ofDays(1)), now));

    assertEquals(Reason.FORBIDDEN, failure.reason());
    assertEquals(403, failure.httpStatus());
    assertTrue(failure.getMessage().contains("GET /charges/"), failure.getMessage());
    assertFalse(failure.getMessage().contains(marketplace.apiKey()));
    var outcome = new ChargesCheck(client, new InMemoryFleetStore(), ZoneOffset.UTC).check(now.plus(Duration.ofDays(2)));
    var unavailable = assertInstanceOf(ChargesCheck.Unavailable.class, outcome);
    assertEquals("not available for this account", unavailable.why());
  }

  @Test
  void aKeyVastDoesNotKnow_answers404AuthError_whichTheCheckAlsoReadsAsNotAvailable() {
    VastClient stranger = clientWithKey("not-the-sim-key");
    var outcome = new ChargesCheck(stranger, new InMemoryFleetStore(), ZoneOffset.UTC).check(clock.instant());
    var unavailable = assertInstanceOf(ChargesCheck.Unavailable.class, outcome);
    assertEquals("not available for this account", unavailable.why());
    assertFalse(List.of(unavailable.why()).toString().contains("not-the-sim-key"));
  }
}
