package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.testing.ScriptedShell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The composition root reports its loops, sweeps and fleet to the metrics it was given. */
class BotMetricsWiringTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(1, "RTX 4090");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final BotMetrics metrics = new BotMetrics(clock);
  private final Vastbot bot = new Vastbot(new Vastbot.Parts(Vastbot.Settings.of(VastbotConfig.defaults(Path.of("/home/bot")),
      VastbotConfig.defaults(Path.of("/home/bot")).provisionPolicy()), new Vastbot.Adapters(vast, store, store.pins(),
      new Vastbot.Ssh(new ScriptedShell(), (target, request, progress) -> new SyncReport(0, 0, 0, 0, List.of(), null,
          null, List.of(), Duration.ZERO), Optional::empty), new LoggedAlerts(), node -> List.of()), clock,
      clock.pause(), List.of()), metrics);

  @AfterEach
  void close() {
    bot.close();
  }

  @Test
  void aScrapeBeforeAnyList_listsNothing() {
    String scrape = bot.metrics().scrape();

    assertEquals(0, vast.listCount());
    assertTrue(scrape.contains("vastbot_fleet_instances{state=\"running\"} NaN"), scrape);
    assertTrue(scrape.contains("vastbot_approvals_pending 0.0"), scrape);
    for (String loop : List.of("health", "keepalive", "terminations")) {
      assertTrue(scrape.contains("vastbot_loop_ticks_total{loop=\"" + loop + "\",outcome=\"ok\"} 0.0"), scrape);
    }
  }

  @Test
  void aHealthTick_isCounted_itsSweepTimed_andTheFleetShown() {
    bot.loops().get(0).runOnce();

    String scrape = metrics.scrape();

    assertEquals(1, vast.listCount());
    assertTrue(scrape.contains("vastbot_loop_ticks_total{loop=\"health\",outcome=\"ok\"} 1.0"), scrape);
    assertTrue(scrape.contains("vastbot_ssh_sweep_duration_seconds_count{outcome=\"ok\"} 1"), scrape);
    assertTrue(scrape.contains("vastbot_fleet_instances{state=\"running\"} 1.0"), scrape);
    assertTrue(scrape.contains("vastbot_fleet_spend_dollars_per_hour 0.4"), scrape);
  }
}
