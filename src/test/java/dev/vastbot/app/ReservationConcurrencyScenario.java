package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.Account;
import dev.vastbot.fleet.CreateRequest;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.store.JdbcFleetStore;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.testing.ScriptedShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight people and autoscaler scale-ups at once, through two bots on two store objects on one
 * database (two processes, as far as the store can tell), renting from one marketplace: four
 * {@code /vast provision --count 2} and four {@code /vast scale-up 2} against {@code
 * scaling.max_instances 4} and an hourly budget. Every create waits until each of the eight has
 * either reached its first create or finished, so every check has run before anything is rented:
 * a check that holds nothing lets all eight through. Never more than the cap is rented, never past
 * the budget, and every one refused says which cap. Runs on SQLite and on PostgreSQL (subclasses).
 */
abstract class ReservationConcurrencyScenario {
  private static final int RENTERS = 8;
  private static final double OFFER_PRICE = 0.80;
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider market = new FakeGpuProvider();
  private final SettledCreates gate = new SettledCreates(market, RENTERS);
  private final List<JdbcFleetStore> stores = new ArrayList<>();
  private final List<Vastbot> bots = new ArrayList<>();

  /** The database both store objects open. */
  abstract String jdbcUrl(Path dir);

  @BeforeEach
  void offers() {
    for (long id = 1; id <= 2 * RENTERS + 4; id++) {
      market.withOffer(id, "RTX 4090", OFFER_PRICE, 0.99);
    }
  }

  @AfterEach
  void close() {
    bots.forEach(Vastbot::close);
    stores.forEach(JdbcFleetStore::close);
  }

  @Test
  void eightRentersAtOnce_neverPassTheFleetsCap_andTheRefusedSayWhich() throws Exception {
    startTwoBots(100);

    List<String> replies = rentAllAtOnce();

    List<Instance> rented = market.listInstances();
    assertTrue(rented.size() <= 4, rented.size() + " instances rented, above the cap of 4: " + replies);
    assertFalse(rented.isEmpty(), "somebody rents: " + replies);
    List<String> refused = refusedOnes(replies);
    assertFalse(refused.isEmpty(), "8 × 2 do not fit 4: " + replies);
    for (String reply : refused) {
      assertTrue(reply.contains("above scaling.max_instances 4") || reply.contains("above its maximum 4"),
          "says which cap: " + reply);
    }
  }

  @Test
  void eightRentersAtOnce_neverPassTheBudget_andTheRefusedSayWhich() throws Exception {
    startTwoBots(2.5);

    List<String> replies = rentAllAtOnce();

    double perHour = market.listInstances().size() * OFFER_PRICE; // every offer costs the same
    assertTrue(perHour <= 2.5, perHour + " $/h rented, above the hourly budget of 2.50: " + replies);
    assertFalse(market.listInstances().isEmpty(), "somebody rents: " + replies);
    List<String> refused = refusedOnes(replies);
    assertFalse(refused.isEmpty(), "8 × 1.60 $/h do not fit 2.50 $/h: " + replies);
    for (String reply : refused) {
      assertTrue(reply.contains("hourly budget"), "says which cap: " + reply);
    }
  }

  /** Two bots, each on its own store object on the one database, sharing the marketplace and the clock. */
  private void startTwoBots(double hourlyUsd) throws Exception {
    Files.writeString(dir.resolve("vastbot.yaml"), """
        provision:
          max_price: 1.0
        scaling:
          min_instances: 0
          max_instances: 4
        autoscaler:
          budget: {hourly_usd: %s, daily_usd: 10000, monthly_usd: 100000}
          groups:
            selfplay:
              min_instances: 0
              max_instances: 4
              gpu_types: [RTX 4090]
              max_price: 1.0
              max_creates_per_tick: 2
              demand: {source: file, file: %s}
        """.formatted(hourlyUsd, dir.resolve("queue")));
    var config = ConfigLoader.load(dir, Map.of(), dir);
    String url = jdbcUrl(dir);
    for (int i = 0; i < 2; i++) {
      JdbcFleetStore store = JdbcFleetStore.open(url);
      stores.add(store);
      bots.add(new Vastbot(new Vastbot.Parts(Vastbot.Settings.of(config, config.provisionPolicy()),
          new Vastbot.Adapters(gate, store, store, new Vastbot.Ssh(new ScriptedShell(),
              (target, request, progress) -> new SyncReport(0, 0, 0, 0, List.of(), null, null, List.of(),
                  Duration.ZERO), Optional::empty), new LoggedAlerts(), node -> List.of()), clock,
          clock.pause(), List.of())));
    }
  }

  /** Four provisions and four scale-ups, alternating between the bots, all started at once. */
  private List<String> rentAllAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(RENTERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> replies = new ArrayList<>();
      for (int i = 0; i < RENTERS; i++) {
        Vastbot bot = bots.get(i % 2);
        String line = i < RENTERS / 2 ? "/vast provision --gpu-type RTX_4090 --count 2" : "/vast scale-up 2";
        replies.add(pool.submit(() -> {
          start.await();
          try {
            return line + " -> " + new TextRenderer().render(bot.router().route(line, Caller.console()));
          } finally {
            gate.settle();
          }
        }));
      }
      start.countDown();
      List<String> out = new ArrayList<>();
      for (Future<String> reply : replies) {
        out.add(reply.get(60, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The replies that rented nothing: refused, or waiting for an approver. */
  private static List<String> refusedOnes(List<String> replies) {
    return replies.stream().filter(reply -> !reply.contains("new instance(s) running")
        && !reply.matches("(?s).*rented [1-9] of.*")).toList();
  }

  /**
   * The marketplace, with every create held until each renter has either reached its first create
   * or finished: all checks run before anything is rented.
   */
  private static final class SettledCreates implements GpuProvider {
    private final GpuProvider market;
    private final CountDownLatch settled;
    private final Set<Thread> counted = ConcurrentHashMap.newKeySet();

    SettledCreates(GpuProvider market, int renters) {
      this.market = market;
      this.settled = new CountDownLatch(renters);
    }

    void settle() {
      if (counted.add(Thread.currentThread())) {
        settled.countDown();
      }
    }

    @Override
    public long createInstance(CreateRequest request) {
      settle();
      try {
        assertTrue(settled.await(30, TimeUnit.SECONDS), "every renter settled");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return market.createInstance(request);
    }

    @Override
    public List<Offer> searchOffers(OfferQuery query) {
      return market.searchOffers(query);
    }

    @Override
    public List<Instance> listInstances() {
      return market.listInstances();
    }

    @Override
    public Optional<Instance> findInstance(long id) {
      return market.findInstance(id);
    }

    @Override
    public List<Instance> findByLabel(String label) {
      return market.findByLabel(label);
    }

    @Override
    public void startInstance(long id) {
      market.startInstance(id);
    }

    @Override
    public void stopInstance(long id) {
      market.stopInstance(id);
    }

    @Override
    public void rebootInstance(long id) {
      market.rebootInstance(id);
    }

    @Override
    public void labelInstance(long id, String label) {
      market.labelInstance(id, label);
    }

    @Override
    public void destroyInstance(long id) {
      market.destroyInstance(id);
    }

    @Override
    public Account currentAccount() {
      return market.currentAccount();
    }

    @Override
    public void ensureAccountSshKey(String publicKey) {
      market.ensureAccountSshKey(publicKey);
    }

    @Override
    public void attachSshKey(long instanceId, String publicKey) {
      market.attachSshKey(instanceId, publicKey);
    }
  }
}
