package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.sim.SimInstanceView;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.slack.SlackStandIn;
import dev.vastbot.store.JdbcFleetStore;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.vast.ApiKey;
import dev.vastbot.vast.VastClient;
import dev.vastbot.vast.VastClientSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spend ledger when only cron lists the fleet: separate CLI runs 10 simulated minutes apart on
 * one SQLite file, against the simulated Vast API over HTTP, with one clock for both. The ledger
 * must match what the simulator itself billed; a daily cap that only the ledger shows must hold
 * a cron {@code autoscaler --check}, and the cost warning's webhook hears from cron alone.
 */
class LedgerUnderCronTest {
  private static final Duration CRON = Duration.ofMinutes(10);
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at("2026-12-10T00:00:00Z");
  private SimMarketplace marketplace;
  private SimVastServer server;
  private Path queue;

  @BeforeEach
  void start() throws Exception {
    marketplace = new SimMarketplace(clock, SimSettings.defaults().withBootDelays(Duration.ZERO, Duration.ZERO));
    server = SimVastServer.start(marketplace, 0);
    queue = dir.resolve("queue");
    Files.writeString(queue, "0\n");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void cronRunsTenMinutesApart_accrueWhatTheSimulatorBilled_withinOnePercent_andCompareWithItsChargesDaily()
      throws Exception {
    clock.advance(Duration.ofHours(22)); // the runs cross midnight
    List<Long> seeded = marketplace.seedInstances(6);
    CliHarness cli = cli(dir.resolve("vastbot.db"), 1000);
    double chargedAtFirstRun = charged();
    for (int run = 0; run <= 4 * 6; run++) {
      var cost = cli.run("", "autoscaler", "--cost");
      assertEquals(0, cost.exitCode(), cost.out() + cost.err());
      if (run == 6) {
        stopOneRunning(seeded); // a state change right after a run: billed at storage from then on
      }
      if (run < 4 * 6) {
        clock.advance(CRON);
      }
    }
    double simulator = charged() - chargedAtFirstRun;
    double ledger = ledgerTotal(dir.resolve("vastbot.db"));

    assertTrue(simulator > 1, "the seeded fleet billed something: " + simulator);
    assertEquals(simulator, ledger, simulator * 0.01, "ledger $" + ledger + " against the simulator's $" + simulator);

    Map<String, String> checks = chargeChecks(dir.resolve("vastbot.db"));
    assertEquals(List.of("2026-12-10", "2026-12-11"), List.copyOf(checks.keySet()), "once a day: " + checks);
    Matcher compared = Pattern.compile("Vast's charges for 2026-12-01 to 2026-12-10 \\(UTC\\): \\$([0-9.]+) "
        + "\\(ledger \\$([0-9.]+), differs by ([0-9.]+) %\\)").matcher(checks.get("2026-12-11"));
    assertTrue(compared.find(), checks.toString());
    assertTrue(Double.parseDouble(compared.group(1)) > 1, "the 2 h before midnight were charged: " + checks);
    assertTrue(Double.parseDouble(compared.group(3)) < 1.0, checks.toString());
  }

  /** The store's record of each day's comparison with Vast's charges, by day. */
  private static Map<String, String> chargeChecks(Path database) throws Exception {
    var checks = new java.util.TreeMap<String, String>();
    try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + database);
        var rows = connection.createStatement().executeQuery("SELECT day, outcome FROM charge_checks")) {
      while (rows.next()) {
        checks.put(rows.getString(1), rows.getString(2));
      }
    }
    return checks;
  }

  /**
   * Pairs of runs started together still match the simulator. Whether a pair's mark reads overlap
   * is left to the scheduler here; ConcurrentAccrualTest makes them overlap on purpose.
   */
  @Test
  void twoCronRunsAtOnce_countEachSpanOnce() throws Exception {
    marketplace.seedInstances(6);
    CliHarness cli = cli(dir.resolve("vastbot.db"), 100_000);
    assertEquals(0, cli.run("", "autoscaler", "--cost").exitCode());
    double chargedAtFirstRun = charged();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 6; round++) {
        clock.advance(CRON);
        var start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.Callable<Integer> run = () -> {
          start.await();
          return cli.run("", "autoscaler", "--cost").exitCode();
        };
        var first = pool.submit(run);
        var second = pool.submit(run);
        start.countDown();
        assertEquals(0, first.get(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, second.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    double simulator = charged() - chargedAtFirstRun;
    double ledger = ledgerTotal(dir.resolve("vastbot.db"));
    assertEquals(simulator, ledger, simulator * 0.01, "ledger $" + ledger + " against the simulator's $" + simulator);
  }

  @Test
  void aDailyCapThatOnlyTheLedgerShows_holdsACronCheck() throws Exception {
    List<Long> seeded = marketplace.seedInstances(6);
    CliHarness cron = cli(dir.resolve("vastbot.db"), 100_000);
    for (int run = 0; run <= 6 * 6; run++) {
      var cost = cron.run("", "autoscaler", "--cost");
      assertEquals(0, cost.exitCode(), cost.out() + cost.err());
      clock.advance(run < 6 * 6 ? CRON : Duration.ZERO);
    }
    double spentToday = ledgerTotal(dir.resolve("vastbot.db"));
    stopEveryRunning(seeded);
    double rateNow = fleetRate();
    // Today's forecast is what the ledger holds plus the rate now to midnight: a cap that a whole
    // day at the rate now (and one cheap GPU more) fits, but that spend so far leaves no room for.
    double cap = 24 * (rateNow + 0.5);
    assertTrue(spentToday > cap + 1, "six expensive hours are on the ledger: $" + spentToday + ", cap $" + cap);
    Files.writeString(queue, "100000\n");
    int before = marketplace.instances().size();

    var check = cli(dir.resolve("vastbot.db"), cap).run("", "autoscaler", "--check");

    assertEquals(0, check.exitCode(), check.out() + check.err());
    assertEquals(before, marketplace.instances().size(), "nothing rented past the cap: " + check.out());
    assertTrue(check.out().contains("daily budget"), check.out());
    assertFalse(check.out().contains("cheap: up:"), check.out());

    var noLedger = cli(dir.resolve("empty.db"), cap).run("", "autoscaler", "--check", "--dry-run");
    assertTrue(noLedger.out().contains("cheap: up:"), "with nothing spent so far it would rent: "
        + noLedger.out());
  }

  @Test
  void theCostWarningHookFiresFromCron_oncePerDay() throws Exception {
    marketplace.seedInstances(6);
    try (SlackStandIn webhooks = SlackStandIn.start()) {
      String hook = "T0TEAM/B0HOOK/cronWarningHook";
      Path config = Files.createDirectories(dir.resolve("config"));
      Files.writeString(config.resolve("notification_hooks.yaml"), """
          vast_alerts:
            cost_warning:
              webhook: %s
              daily_threshold: 5
          """.formatted(webhooks.responseUrl(hook)));
      CliHarness cron = cli(dir.resolve("vastbot.db"), 100_000);
      for (int run = 0; run < 3; run++) {
        assertEquals(0, cron.run("", "autoscaler", "--cost").exitCode());
        clock.advance(CRON);
      }
      var posted = webhooks.responses(hook);
      assertEquals(1, posted.size(), posted.toString());
      assertTrue(posted.get(0).path("text").asText().contains("Cost warning: spend today is forecast at"),
          posted.toString());
    }
  }

  private CliHarness cli(Path database, double dailyCap) throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("vastbot.yaml"), """
        budgets:
          daily_usd: %s
          monthly_usd: 100000
        autoscaler:
          budget: {hourly_usd: 1000, daily_usd: %s, monthly_usd: 100000}
          groups:
            cheap:
              min_instances: 0
              max_instances: 1
              gpu_types: [RTX 3060]
              games_per_hour: {RTX 3060: 10}
              max_price: 0.15
              scale_up_cooldown_minutes: 0
              demand: {source: file, file: %s}
        """.formatted(dailyCap, dailyCap, queue));
    return new CliHarness(Map.of(
        "VAST_API_URL", server.apiUrl(),
        "VAST_API_KEY", marketplace.apiKey(),
        "VAST_SSH_KEY", dir.resolve("no-key").toString(),
        "VASTBOT_CONFIG_DIR", config.toString(),
        "VASTBOT_DB", "jdbc:sqlite:" + database), dir, clock);
  }

  /** What the simulator has billed every instance so far (none is destroyed here). */
  private double charged() {
    return marketplace.instances().stream().mapToDouble(SimInstanceView::charged).sum();
  }

  /** The fleet's rate now as Vast bills it: running ones in full, offline ones nothing, others storage. */
  private double fleetRate() {
    double before = charged();
    clock.advance(Duration.ofHours(1));
    double after = charged();
    clock.advance(Duration.ofHours(-1));
    return after - before;
  }

  private void stopEveryRunning(List<Long> seeded) {
    marketplace.instances().stream().filter(i -> "running".equals(i.actualStatus()))
        .filter(i -> seeded.contains(i.id())).forEach(i -> client().stopInstance(i.id()));
  }

  private VastClient client() {
    return VastClient.create(new OkHttpClient(),
        VastClientSettings.defaults(server.apiUrl(), ApiKey.of(marketplace.apiKey())));
  }

  private void stopOneRunning(List<Long> seeded) {
    long id = marketplace.instances().stream().filter(i -> "running".equals(i.actualStatus()))
        .filter(i -> seeded.contains(i.id())).findFirst().orElseThrow().id();
    client().stopInstance(id);
    assertFalse("running".equals(marketplace.instance(id).orElseThrow().actualStatus()));
  }

  private static double ledgerTotal(Path database) {
    try (JdbcFleetStore store = JdbcFleetStore.open("jdbc:sqlite:" + database)) {
      LocalDate day = LocalDate.of(2026, 12, 1);
      return store.dailySpend(day, day.plusDays(30)).stream().mapToDouble(d -> d.dollars()).sum();
    }
  }
}
