package dev.vastbot.vast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.CreateRequest;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProviderException.Reason;
import dev.vastbot.fleet.RentalType;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real client against the simulated Vast API over HTTP on loopback. */
class VastClientSimTest {
  private final MutableClock clock = MutableClock.atEpochDay();
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
        .withJitter(new Random(7)));
  }

  private OfferQuery rtx4090(double maxPrice) {
    return new OfferQuery(Optional.of("RTX 4090"), Optional.of(maxPrice), 0.95, Optional.empty(),
        RentalType.ON_DEMAND, 50, 20);
  }

  private long rentCheapest4090(String label) {
    Offer offer = client.searchOffers(rtx4090(0.5)).get(0);
    return client.createInstance(new CreateRequest(offer.id(), "pytorch/pytorch:2.0", 50, Map.of("A", "1"),
        "echo hi", label, Optional.empty()));
  }

  @Test
  void searchOffers_filtersAndSortsByTotalPrice() {
    List<Offer> offers = client.searchOffers(rtx4090(0.5));
    assertFalse(offers.isEmpty());
    for (int i = 0; i < offers.size(); i++) {
      Offer offer = offers.get(i);
      assertEquals("RTX 4090", offer.gpuName());
      assertTrue(offer.dphTotal() <= 0.5, offer.toString());
      assertTrue(offer.reliability() >= 0.95, offer.toString());
      if (i > 0) {
        assertTrue(offers.get(i - 1).dphTotal() <= offer.dphTotal());
      }
    }
  }

  @Test
  void createdInstance_stepsToRunning_onTheSimClock_withSshAddress() {
    long id = rentCheapest4090("vastbot:t-1");
    Instance fresh = client.findInstance(id).orElseThrow();
    assertFalse(fresh.state() == InstanceState.RUNNING);
    assertEquals("vastbot:t-1", fresh.label());
    clock.advance(Duration.ofMinutes(1));
    Instance running = client.findInstance(id).orElseThrow();
    assertEquals(InstanceState.RUNNING, running.state());
    assertTrue(running.sshAddress().isPresent());
    assertEquals("127.0.0.1", running.sshAddress().get().host());
  }

  @Test
  void stopStartLabelRebootDestroy_roundTrip() {
    long id = rentCheapest4090("vastbot:t-2");
    clock.advance(Duration.ofMinutes(1));
    client.stopInstance(id);
    assertEquals(InstanceState.STOPPED, client.findInstance(id).orElseThrow().state());
    client.startInstance(id);
    clock.advance(Duration.ofMinutes(1));
    assertEquals(InstanceState.RUNNING, client.findInstance(id).orElseThrow().state());
    client.labelInstance(id, "renamed");
    assertEquals("renamed", client.findInstance(id).orElseThrow().label());
    client.rebootInstance(id);
    clock.advance(Duration.ofMinutes(1));
    assertEquals(InstanceState.RUNNING, client.findInstance(id).orElseThrow().state());
    client.destroyInstance(id);
    assertEquals(Optional.empty(), client.findInstance(id), "{\"instances\": null} means gone");
    client.destroyInstance(id); // already gone counts as destroyed
  }

  @Test
  void currentAccount_showsBalance_andBillingAccrues() {
    double before = client.currentAccount().balance();
    rentCheapest4090("vastbot:t-3");
    clock.advance(Duration.ofHours(2));
    double after = client.currentAccount().balance();
    assertTrue(after < before, before + " -> " + after);
    assertTrue(before - after < 2 * 0.5 + 0.01, "at most two hours at $0.50/h: " + (before - after));
  }

  @Test
  void listInstances_followsPagination_pastTwentyFive() {
    List<Offer> offers = client.searchOffers(new OfferQuery(Optional.empty(), Optional.empty(), 0,
        Optional.empty(), RentalType.ON_DEMAND, 10, 200));
    assertTrue(offers.size() >= 30, "the sim seeds at least 30 offers: " + offers.size());
    for (int i = 0; i < 30; i++) {
      client.createInstance(new CreateRequest(offers.get(i).id(), "img", 10, Map.of(), "", "p-" + i,
          Optional.empty()));
    }
    List<Instance> all = client.listInstances();
    assertEquals(30, all.size());
    assertEquals(30, all.stream().map(Instance::id).distinct().count());
    assertEquals(List.of(all.get(7)), client.findByLabel("p-7"));
  }

  @Test
  void listInstances_returnsEachIdOnce_whenAnInstanceShowsUpOnTwoPages() {
    List<Offer> offers = client.searchOffers(new OfferQuery(Optional.empty(), Optional.empty(), 0,
        Optional.empty(), RentalType.ON_DEMAND, 10, 200));
    for (int i = 0; i < 30; i++) {
      client.createInstance(new CreateRequest(offers.get(i).id(), "img", 10, Map.of(), "", "d-" + i,
          Optional.empty()));
    }
    marketplace.faults().duplicateIds(1); // the 25th instance ends page 1 and starts page 2

    List<Long> ids = client.listInstances().stream().map(Instance::id).toList();

    assertEquals(30, ids.size(), ids.toString());
    assertEquals(ids.stream().distinct().sorted().toList(), ids, "once each, in the API's order");
  }

  @Test
  void rateLimitStormThatEnds_succeedsWithinTheBound_creatingExactlyOneInstance() {
    Offer offer = client.searchOffers(rtx4090(0.5)).get(0);
    marketplace.faults().rateLimitStorm(3);
    Instant start = clock.instant();
    long id = client.createInstance(new CreateRequest(offer.id(), "img", 50, Map.of(), "", "storm-1",
        Optional.empty()));
    assertTrue(Duration.between(start, clock.instant()).compareTo(Duration.ofSeconds(60)) <= 0);
    assertEquals(List.of(id), client.listInstances().stream().map(Instance::id).toList());
  }

  @Test
  void rateLimitStormThatDoesNotEnd_failsClearlyWithinTheBound() {
    marketplace.faults().rateLimitStorm(-1);
    Instant start = clock.instant();
    ProviderException failure = assertThrows(ProviderException.class, client::listInstances);
    assertEquals(Reason.RATE_LIMITED, failure.reason());
    assertTrue(failure.getMessage().contains("rate limited by Vast"), failure.getMessage());
    assertTrue(failure.getMessage().contains("gave up after the retry bound"), failure.getMessage());
    assertTrue(Duration.between(start, clock.instant()).compareTo(Duration.ofSeconds(60)) <= 0);
  }

  @Test
  void createWhoseAnswerIsLost_isFoundByLabel_notRepeated() {
    Offer offer = client.searchOffers(rtx4090(0.5)).get(0);
    marketplace.faults().dropResponseAfterCreate(1);
    long id = client.createInstance(new CreateRequest(offer.id(), "img", 50, Map.of(), "", "lost-1",
        Optional.empty()));
    List<Instance> all = client.listInstances();
    assertEquals(1, all.size(), all.toString());
    assertEquals(id, all.get(0).id());
  }

  @Test
  void invalidKey_isNamedAsSuch_andTheKeyIsNotEchoed() {
    VastClient wrong = clientWithKey("not-the-key-0123456789");
    ProviderException failure = assertThrows(ProviderException.class, wrong::listInstances);
    assertEquals(Reason.INVALID_KEY, failure.reason());
    assertTrue(failure.getMessage().contains("check VAST_API_KEY"), failure.getMessage());
    assertFalse(failure.getMessage().contains("not-the-key-0123456789"));
  }

  @Test
  void takenOffer_isOfferUnavailable() {
    Offer offer = client.searchOffers(rtx4090(0.5)).get(0);
    client.createInstance(new CreateRequest(offer.id(), "img", 50, Map.of(), "", "a", Optional.empty()));
    ProviderException failure = assertThrows(ProviderException.class, () -> client.createInstance(
        new CreateRequest(offer.id(), "img", 50, Map.of(), "", "b", Optional.empty())));
    assertEquals(Reason.OFFER_UNAVAILABLE, failure.reason());
    assertEquals(1, client.listInstances().size());
  }

  @Test
  void unknownStatus_isMappedToUnknown_andKeptVerbatim() {
    long id = rentCheapest4090("u-1");
    marketplace.faults().reportStatus(id, "hibernating");
    Instance instance = client.listInstances().get(0);
    assertEquals(InstanceState.UNKNOWN, instance.state());
    assertEquals("unknown (hibernating)", instance.displayStatus());
  }

  @Test
  void malformedJson_isATypedFailure_notAnEmptyFleet() {
    rentCheapest4090("m-1");
    marketplace.faults().malformedJson(1);
    ProviderException failure = assertThrows(ProviderException.class, client::listInstances);
    assertEquals(Reason.MALFORMED_RESPONSE, failure.reason());
  }

  @Test
  void gatewayErrors_areRetried() {
    marketplace.faults().serverErrors(503, 2);
    assertTrue(client.currentAccount().balance() > 0);
  }

  @Test
  void theObserver_isToldOfEveryAttempt_withItsOutcome() {
    List<String> attempts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    VastClient observed = VastClient.create(new OkHttpClient(), VastClientSettings.defaults(server.apiUrl(),
            ApiKey.of(marketplace.apiKey()))
        .withTime(clock, clock.pause())
        .withJitter(new Random(7))
        .withObserver((endpoint, outcome, took) -> attempts.add(endpoint + " " + outcome)));
    marketplace.faults().serverErrors(503, 2);
    observed.currentAccount();
    marketplace.faults().rateLimitStorm(1);
    observed.listInstances();
    assertThrows(ProviderException.class, () -> clientWithKey("not-the-key-0123456789").listInstances());

    assertEquals(List.of(
        "GET /users/current unavailable", "GET /users/current unavailable", "GET /users/current ok",
        "GET /api/v1/instances/ rate_limited", "GET /api/v1/instances/ ok"), attempts);
  }

  @Test
  void anObserverThatThrows_costsTheCallNothing() {
    VastClient observed = VastClient.create(new OkHttpClient(), VastClientSettings.defaults(server.apiUrl(),
            ApiKey.of(marketplace.apiKey()))
        .withTime(clock, clock.pause())
        .withObserver((endpoint, outcome, took) -> {
          throw new IllegalStateException("observer broken");
        }));
    assertTrue(observed.currentAccount().balance() > 0);
  }

  @Test
  void slowAnswer_timesOut() {
    VastClient impatient = VastClient.create(new OkHttpClient(), VastClientSettings.defaults(server.apiUrl(),
            ApiKey.of(marketplace.apiKey()))
        .withTime(clock, clock.pause())
        .withRequestTimeout(Duration.ofMillis(300))
        .withRetries(1, Duration.ofSeconds(1)));
    marketplace.faults().slowAnswers(Duration.ofSeconds(2), 1);
    ProviderException failure = assertThrows(ProviderException.class, impatient::currentAccount);
    assertEquals(Reason.TIMEOUT, failure.reason());
    assertTrue(failure.getMessage().contains("no answer within 300 ms"), failure.getMessage());
  }
}
