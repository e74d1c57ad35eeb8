package dev.vastbot.vast;

import static dev.vastbot.vast.ClosingProxy.Outcome.FORWARDED;
import static dev.vastbot.vast.ClosingProxy.Outcome.RATE_LIMITED;
import static dev.vastbot.vast.ClosingProxy.Outcome.STALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.CreateRequest;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.ProvisionOrder;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.ProvisionResult;
import dev.vastbot.fleet.RentalType;
import dev.vastbot.service.provision.InstanceWaiter;
import dev.vastbot.service.provision.Provisioner;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.vast.ClosingProxy.Closing;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client against servers that close connections without saying so (issue 7, "Connections"):
 * the simulator behind a loopback proxy that closes each connection after one answer, or once it
 * has been idle for 1 s on the test clock. With two attempts per call and a 429 on the first,
 * every call still succeeds only if a stale connection costs no attempt.
 */
class VastClientStaleConnectionTest {
  private static final Duration IDLE_LIMIT = Duration.ofSeconds(1);
  private static final int MAX_ATTEMPTS = 2;
  private static final String CREATE_PATH = "/api/v0/asks/";

  private final MutableClock clock = MutableClock.atEpochDay();
  private SimMarketplace marketplace;
  private SimVastServer sim;
  private ClosingProxy proxy;
  private VastClient client;

  @BeforeEach
  void startSim() {
    marketplace = new SimMarketplace(clock, SimSettings.defaults());
    sim = SimVastServer.start(marketplace, 0);
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    sim.close();
  }

  private void startProxy(Closing closing) {
    startProxy(closing, tinyIntervals());
  }

  private void startProxy(Closing closing, Map<String, Duration> pacing) {
    proxy = ClosingProxy.start(closing, IDLE_LIMIT, clock, sim.port());
    client = clientOf(proxy.apiUrl(), pacing);
  }

  /** Vast's endpoints paced 1 ms apart: the pacing code runs, and no connection idles from it. */
  private static Map<String, Duration> tinyIntervals() {
    Map<String, Duration> tiny = new HashMap<>();
    VastClientSettings.VAST_MIN_INTERVALS.keySet()
        .forEach(key -> tiny.put(key, Duration.ofMillis(1)));
    return tiny;
  }

  /** Real pacing and backoff code, on the test clock. */
  private VastClient clientOf(String apiUrl, Map<String, Duration> pacing) {
    return VastClient.create(new OkHttpClient(), VastClientSettings.defaults(apiUrl, ApiKey.of(marketplace.apiKey()))
        .withTime(clock, clock.pause())
        .withRequestTimeout(Duration.ofSeconds(5))
        .withRetries(MAX_ATTEMPTS, Duration.ofSeconds(30))
        .withMinIntervals(pacing)
        .withJitter(new Random(7)));
  }

  /** What one call cost at the proxy. */
  private record Traffic(long stale, long rateLimited, long forwarded) {}

  private Traffic traffic() {
    return new Traffic(proxy.count(STALE), proxy.count(RATE_LIMITED), proxy.count(FORWARDED));
  }

  /**
   * Runs one call after the client sat idle for the idle limit, and returns its result and what it
   * cost: the idle server has closed the pooled connection by then, the closing one long before.
   */
  private <T> T idleThen(Supplier<T> call, Traffic expected) {
    clock.advance(IDLE_LIMIT);
    Traffic before = traffic();
    T result = call.get();
    Traffic after = traffic();
    var cost = new Traffic(after.stale() - before.stale(), after.rateLimited() - before.rateLimited(),
        after.forwarded() - before.forwarded());
    // The client may see the server's close before it reuses the connection (OkHttp checks a
    // pooled connection's health before a PUT): then that request is not stale. Whatever the race,
    // every 429 and every real answer is exactly as expected: a stale connection costs no attempt.
    assertEquals(new Traffic(cost.stale(), expected.rateLimited(), expected.forwarded()), cost,
        "stale, 429 and forwarded requests of this call; all: " + proxy.hits());
    assertTrue(cost.stale() <= expected.stale(), "at most " + expected.stale() + " stale: " + proxy.hits());
    return result;
  }

  private void idleThenRun(Runnable call, Traffic expected) {
    idleThen(() -> {
      call.run();
      return null;
    }, expected);
  }

  /**
   * Each of {@code requests} answered 429 first, then for real; {@code stale} of them first went
   * out on a connection the server had closed.
   */
  private static Traffic requests(int requests, int stale) {
    return new Traffic(stale, requests, requests);
  }

  /** Instances made straight on the simulator, not through the proxy. */
  private List<Long> seedInstances(int count) {
    VastClient direct = clientOf(sim.apiUrl(), tinyIntervals());
    List<Offer> offers = direct.searchOffers(new OfferQuery(Optional.empty(), Optional.empty(), 0,
        Optional.empty(), RentalType.ON_DEMAND, 10, 200));
    assertTrue(offers.size() >= count, "the sim has " + offers.size() + " offers");
    List<Long> ids = offers.stream().limit(count)
        .map(offer -> direct.createInstance(new CreateRequest(offer.id(), "img", 10, Map.of(), "",
            "seed-" + offer.id(), Optional.empty())))
        .toList();
    clock.advance(Duration.ofMinutes(1));
    return ids;
  }

  @ParameterizedTest
  @EnumSource(Closing.class)
  void everyIdempotentCall_succeeds_andAStaleConnectionCostsNoAttempt(Closing closing) {
    List<Long> seeded = seedInstances(30); // two pages of 25
    long id = seeded.get(0);
    startProxy(closing);
    proxy.rateLimitEveryOtherRequest();
    client.currentAccount(); // leaves a pooled connection for the first measured call
    // A server that closes after each answer also closes the connection that carried the 429,
    // so every request lands on a closed one; the idle server closes only after the idle second.
    boolean everyRequest = closing == Closing.AFTER_EACH_ANSWER;

    List<Instance> all = idleThen(client::listInstances, requests(2, everyRequest ? 2 : 1));
    assertEquals(30, all.stream().map(Instance::id).distinct().count());

    Instance shown = idleThen(() -> client.findInstance(id).orElseThrow(), requests(1, 1));
    assertEquals(InstanceState.RUNNING, shown.state());
    idleThenRun(() -> client.stopInstance(id), requests(1, 1));
    assertEquals("stopped", marketplace.instance(id).orElseThrow().actualStatus());
    idleThenRun(() -> client.startInstance(id), requests(1, 1));
    assertEquals("running", marketplace.instance(id).orElseThrow().intendedStatus());
    idleThenRun(() -> client.labelInstance(id, "renamed"), requests(1, 1));
    assertEquals("renamed", marketplace.instance(id).orElseThrow().label());
    idleThenRun(() -> client.destroyInstance(id), requests(1, 1));
    assertTrue(marketplace.instance(id).isEmpty());
    assertTrue(proxy.count(STALE) > 0, "the calls met closed connections: " + proxy.hits());
  }

  @ParameterizedTest
  @EnumSource(Closing.class)
  void provisionOfTwo_rentsTwo_withExactlyTwoCreatesReachingTheServer(Closing closing)
      throws InterruptedException {
    // Vast's own pace, 4.5 s between two creates, is longer than the idle server's keep-alive.
    startProxy(closing, VastClientSettings.VAST_MIN_INTERVALS);
    proxy.rateLimitEveryOtherRequest();
    var policy = new ProvisionPolicy("img", 50, 0.50, 0.95, "", Map.of(), 10,
        Duration.ofMinutes(5), Duration.ofSeconds(5));
    var provisioner = new Provisioner(client, new InMemoryFleetStore(),
        new InstanceWaiter(client, clock, clock.pause()), policy, clock, Optional::empty,
        Provisioner.InstancePreparation.NONE);

    ProvisionResult result =
        provisioner.provision(new ProvisionOrder("RTX 4090", 2, Optional.empty()), Actor.CLI);

    assertTrue(result.succeeded(2), result.toString());
    assertEquals(2, marketplace.instances().size());
    assertEquals(2, proxy.count(FORWARDED, "PUT", CREATE_PATH), "creates that reached the sim");
    assertEquals(2, proxy.count(RATE_LIMITED, "PUT", CREATE_PATH), "one 429 per create");
    assertEquals(0, proxy.count(STALE, "PUT", CREATE_PATH),
        "a create never goes out on a pooled connection");
    assertTrue(proxy.count(STALE) > 0, "the provision met closed connections: " + proxy.hits());
  }

  @ParameterizedTest
  @EnumSource(Closing.class)
  void createWhoseAnswerIsLost_isFoundByLabel_overClosedConnections_andSentOnce(Closing closing) {
    startProxy(closing);
    Offer offer = client.searchOffers(new OfferQuery(Optional.of("RTX 4090"), Optional.of(0.5),
        0.95, Optional.empty(), RentalType.ON_DEMAND, 50, 5)).get(0);
    marketplace.faults().dropResponseAfterCreate(1);
    clock.advance(IDLE_LIMIT);

    long id = client.createInstance(new CreateRequest(offer.id(), "img", 50, Map.of(), "",
        "lost-1", Optional.empty()));

    assertEquals(List.of(id), marketplace.instances().stream().map(i -> i.id()).toList());
    assertEquals(1, proxy.count(FORWARDED, "PUT", CREATE_PATH), "the create is not sent again");
    assertEquals(1, proxy.count(FORWARDED, "GET", "/api/v1/instances/"), "one label lookup");
    assertEquals(1, proxy.count(STALE, "GET", "/api/v1/instances/"),
        "the lookup met the connection the search left behind: " + proxy.hits());
  }

  @ParameterizedTest
  @EnumSource(Closing.class)
  void createWhoseConnectionBreaksAfterTheServerTookIt_isFoundByLabel_notSentAgain(
      Closing closing) {
    startProxy(closing);
    Offer offer = client.searchOffers(new OfferQuery(Optional.of("RTX 4090"), Optional.of(0.5),
        0.95, Optional.empty(), RentalType.ON_DEMAND, 50, 5)).get(0);
    proxy.breakConnectionAfterForwardingNext("PUT", CREATE_PATH);

    long id = client.createInstance(new CreateRequest(offer.id(), "img", 50, Map.of(), "",
        "broken-1", Optional.empty()));

    assertEquals(List.of(id), marketplace.instances().stream().map(i -> i.id()).toList());
    assertEquals(1, proxy.count(FORWARDED, "PUT", CREATE_PATH),
        "no blind resend of a create the server may have taken: " + proxy.hits());
  }
}
