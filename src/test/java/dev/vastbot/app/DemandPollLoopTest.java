package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.config.ConfigLoader;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.ManualScheduler;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot's loops on a manual scheduler and clock: with a 10-minute autoscaler tick, a burst written
 * to the demand file is decided by the demand poll within two minutes, and the decision keeps the
 * group's scale-up cooldown (the poll after it does not rent again).
 */
class DemandPollLoopTest {
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at("2026-12-10T12:00:00Z");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final FakeGpuProvider provider = new FakeGpuProvider().withRunningInstance(1, "RTX 4090")
      .withOffer(101, "RTX 4090", 0.40, 0.99).withOffer(102, "RTX 4090", 0.41, 0.99)
      .withOffer(103, "RTX 4090", 0.42, 0.99).withOffer(104, "RTX 4090", 0.43, 0.99);

  @Test
  void aBurstAtMinuteZeroIsScaledUpByMinuteTwo_thoughTheTickIsTenMinutes() throws Exception {
    Path queue = dir.resolve("queue");
    Files.writeString(queue, "0\n");
    Vastbot bot = bot(queue);
    var scheduler = new ManualScheduler(clock);
    bot.startLoops(scheduler);
    Instant start = clock.instant();

    Files.writeString(queue, "1500\n"); // 5 h of work for the one 4090
    scheduler.advance(Duration.ofMinutes(2));

    List<AuditEntry> ups = scaleUps();
    assertEquals(1, ups.size(), "one scale-up within two minutes: " + store.recentAudit(100));
    assertTrue(!ups.get(0).at().isAfter(start.plus(Duration.ofMinutes(2))), ups.toString());
    assertTrue(ups.get(0).outcome().contains("backlog 5.00 h"), ups.get(0).outcome());
    assertEquals(Optional.of(ups.get(0).at()), store.lastScale("selfplay-4090", "up"));
    assertTrue(provider.calls().stream().anyMatch(call -> call.startsWith("create")), provider.calls().toString());

    Files.writeString(queue, "6000\n"); // it crosses nothing now, but it grows: the cooldown holds
    scheduler.advance(Duration.ofMinutes(3));
    assertEquals(1, scaleUps().size(), "no second scale-up inside the 15-minute cooldown: " + store.recentAudit(100));
  }

  @Test
  void aBurstAPersonSawFirst_inThePolicyView_isStillScaledUpByThePoll() throws Exception {
    Path queue = dir.resolve("queue");
    Files.writeString(queue, "0\n");
    Vastbot bot = bot(queue);
    var scheduler = new ManualScheduler(clock);
    bot.startLoops(scheduler);

    Files.writeString(queue, "1500\n");
    bot.autoscaler().observe(); // what /vast policy does: a view keeps no reading
    scheduler.advance(Duration.ofMinutes(2));

    assertEquals(1, scaleUps().size(), "the poll still saw the crossing: " + store.recentAudit(100));
  }

  @Test
  void aScaleUpThatRentedNothing_startsNoCooldown() throws Exception {
    Path queue = dir.resolve("queue");
    Files.writeString(queue, "0\n");
    Vastbot bot = bot(queue);
    var scheduler = new ManualScheduler(clock);
    bot.startLoops(scheduler);
    List.of(101L, 102L, 103L, 104L).forEach(provider::takeOffer); // someone else rents them all meanwhile

    Files.writeString(queue, "1500\n");
    scheduler.advance(Duration.ofMinutes(2));

    assertEquals(1, scaleUps().size(), "it tried: " + store.recentAudit(100));
    assertEquals(Optional.empty(), store.lastScale("selfplay-4090", "up"),
        "nothing was rented, so the trigger stays awake for the next offers");
  }

  private List<AuditEntry> scaleUps() {
    return store.recentAudit(100).stream().filter(entry -> entry.action().equals("autoscale-up")).toList();
  }

  private Vastbot bot(Path queue) throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("vastbot.yaml"), """
        budgets: {daily_usd: 100, monthly_usd: 3000}
        autoscaler:
          tick_minutes: 10
          groups:
            selfplay-4090:
              min_instances: 1
              max_instances: 6
              gpu_types: [RTX 4090]
              games_per_hour: {RTX 4090: 300}
              max_price: 5.0
              demand: {source: file, file: %s}
        """.formatted(queue));
    VastbotConfig loaded = ConfigLoader.load(config, Map.of(), dir);
    return new Vastbot(BotParts.of(loaded, loaded.provisionPolicy(), provider, store, clock));
  }
}
