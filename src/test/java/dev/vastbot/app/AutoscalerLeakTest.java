package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.LoopTick;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.service.autoscale.Autoscaler;
import dev.vastbot.service.loop.BackgroundLoop;
import dev.vastbot.sim.SimInstanceView;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.testing.ScriptedShell;
import dev.vastbot.vast.ApiKey;
import dev.vastbot.vast.VastClient;
import dev.vastbot.vast.VastClientSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The autoscaler against the simulated Vast API over HTTP, on a test clock, with hosts nobody can
 * reach over SSH (no SSH key): every health check fails, and every termination stops at quiesce
 * ("needs attention"). With unattended scale-down on, nothing may leak: the group stays within its
 * maximum plus {@code max_concurrent_replacements} at every tick, and after the one replacement it
 * rents nothing more at zero demand. A storm of 5xx answers during a scale-up leaks nothing either.
 */
class AutoscalerLeakTest {
  private static final String GROUP = "selfplay";
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SimMarketplace marketplace = new SimMarketplace(clock, SimSettings.defaults());
  private final SimVastServer server = SimVastServer.start(marketplace, 0);
  private final VastClient client = VastClient.create(new OkHttpClient(), 
      VastClientSettings.defaults(server.apiUrl(), ApiKey.of(marketplace.apiKey())).withTime(clock, clock.pause()));
  private final InMemoryFleetStore store = new InMemoryFleetStore();

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "max_creates_per_tick: {0}")
  @ValueSource(ints = {1, 2})
  void replacementsThatNeverPass_withUnattendedScaleDown_stayWithinMaxPlusOne_over50Ticks(int createsPerTick)
      throws Exception {
    try (Vastbot bot = bot(2, 2, "0", "max_creates_per_tick: " + createsPerTick)) {
      Set<Long> everRented = new TreeSet<>();
      var log = new ArrayList<String>();
      for (int tick = 1; tick <= 50; tick++) {
        String said = tick(bot);
        log.add("tick " + tick + ": " + said);
        List<Long> live = live();
        everRented.addAll(live);
        assertTrue(live.size() <= 3, "tick " + tick + ": " + live.size() + " instances, above max 2 + 1:\n"
            + String.join("\n", log));
      }
      String all = String.join("\n", log);
      assertTrue(all.contains("needs attention"), "the let-go failed at quiesce, as in the scenario:\n" + all);
      assertEquals(3, everRented.size(), "two for the minimum, one replacement, nothing more:\n" + all);
      assertTrue(log.get(49).contains("it is held until a person terminates it"), log.get(49));
    }
  }

  @Test
  void aStormOf5xxDuringAScaleUp_leaksNoInstance_theCapHolds_andTheTickSaysWhy() throws Exception {
    try (Vastbot bot = bot(0, 3, "100000", "unhealthy_checks_before_replace: 1000")) {
      var log = new ArrayList<String>();
      // the creates meet the storm: both are carried out but answered 504, and 503s come between;
      // a create repeated instead of found by its label would show as a fourth instance
      log.add("tick 1: " + tick(bot, () -> {
        marketplace.faults().dropResponseAfterCreate(2);
        marketplace.faults().serverErrors(503, 5);
      }));
      assertHeld(log);
      assertEquals(2, live().size(), log.get(0));
      // every create is carried out but answered 504, as long as the storm lasts
      log.add("tick 2: " + tick(bot, () -> marketplace.faults().dropResponseAfterCreate(1000)));
      assertHeld(log);
      // a storm longer than the client's retries: the tick holds and says why
      log.add("tick 3: " + tick(bot, () -> marketplace.faults().serverErrors(503, 1000)));
      assertHeld(log);
      assertTrue(log.get(2).contains("hold") && log.get(2).contains("not read") && log.get(2).contains("HTTP 503"),
          log.get(2));
      marketplace.faults().clear();
      for (int tick = 4; tick <= 7; tick++) {
        log.add("tick " + tick + ": " + tick(bot, () -> { }));
        assertHeld(log);
      }
      assertEquals(3, live().size(), "capacity comes once the storm is over:\n" + String.join("\n", log));
      assertEquals(3, marketplace.instances().size() + destroyed(),
          "every instance created was one of the group's three:\n" + String.join("\n", log));
    }
  }

  /** The group's maximum holds and every live instance is in the group (so counted). */
  private void assertHeld(List<String> log) {
    List<Long> live = live();
    assertTrue(live.size() <= 3, "the cap: " + live + "\n" + String.join("\n", log));
    Map<Long, String> groups = store.autoscaleGroups();
    for (long id : live) {
      assertEquals(GROUP, groups.get(id), "vast-" + id + " is in the group, so counted:\n" + String.join("\n", log));
    }
  }

  /** How many instances the simulated API destroyed. */
  private long destroyed() {
    return store.autoscaleGroups().keySet().stream().filter(id -> marketplace.instance(id).isEmpty()).count();
  }

  private String tick(Vastbot bot) throws InterruptedException {
    return tick(bot, () -> { });
  }

  /**
   * Ten minutes on, the fleet listed and checked as the health loop does, then {@code faults}
   * armed, then one autoscaler tick; what it decided and did.
   */
  private String tick(Vastbot bot, Runnable faults) throws InterruptedException {
    LoopTick health = listAndCheck(bot);
    faults.run();
    List<Autoscaler.Outcome> outcomes = bot.autoscaler().tick(false);
    return (health.ok() ? "" : "health: " + health.outcome() + "; ") + outcomes.stream()
        .map(o -> o.decision().summary() + " → " + String.join("; ", o.done())).collect(Collectors.joining(" | "));
  }

  private LoopTick listAndCheck(Vastbot bot) {
    clock.advance(Duration.ofMinutes(10));
    bot.snapshots().refresh();
    return loop(bot, "health").runOnce();
  }

  private static BackgroundLoop loop(Vastbot bot, String name) {
    return bot.loops().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  /** The instances the simulated API lists, destroyed ones left out. */
  private List<Long> live() {
    return marketplace.instances().stream().map(SimInstanceView::id).sorted().toList();
  }

  private Vastbot bot(int min, int max, String queued, String moreOfTheGroup) throws Exception {
    Files.writeString(dir.resolve("queue"), queued + "\n");
    Files.writeString(dir.resolve("vastbot.yaml"), """
        health:
          failures_before_action: 2
        autoscaler:
          groups:
            %s:
              min_instances: %d
              max_instances: %d
              gpu_types: [RTX 3090, RTX 3080, RTX 3070]
              max_price: 5.0
              min_reliability: 0
              scale_up_cooldown_minutes: 0
              scale_down_cooldown_minutes: 0
              unattended_scale_down: true
              budget: {hourly_usd: 1000, daily_usd: 10000, monthly_usd: 100000}
              demand: {source: file, file: %s}
              %s
        """.formatted(GROUP, min, max, dir.resolve("queue"), moreOfTheGroup));
    var config = ConfigLoader.load(dir, Map.of(), dir);
    var parts = new Vastbot.Parts(Vastbot.Settings.of(config, config.provisionPolicy()),
        new Vastbot.Adapters(client, store, store.pins(), new Vastbot.Ssh(new ScriptedShell().unreachable(),
            (target, request, progress) -> new SyncReport(0, 0, 0, 0, List.of(), null, null, List.of(),
                Duration.ZERO), Optional::empty), new LoggedAlerts(), node -> List.of()),
        clock, clock.pause(), List.of());
    return new Vastbot(parts);
  }
}
