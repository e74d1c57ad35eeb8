package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.LoopTick;
import dev.vastbot.service.loop.BackgroundLoop;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.ManualScheduler;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link Wiring} puts together, seen from outside: the loops in their order with their first
 * delays, the provider's two decorators in their one order, and the health loop's tick.
 */
class WiringTest {
  private final MutableClock clock = MutableClock.at("2026-12-10T12:00:00Z");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final FakeGpuProvider provider = new FakeGpuProvider().withReachableInstance(7, "RTX 4090").stoppable(7);
  private final Vastbot bot = new Vastbot(BotParts.of(provider, store, clock));

  @AfterEach
  void close() {
    bot.close();
  }

  @Test
  void theLoopsStartInTheirOrder_theAutoscalerOneIntervalAfterTheStart() {
    Instant start = clock.instant();
    bot.startLoops(new ManualScheduler(clock));

    Map<String, Instant> next = new LinkedHashMap<>();
    bot.loops().forEach(loop -> next.put(loop.name(), loop.nextRun().orElseThrow()));
    var autoscaler = BotParts.of(provider, store, clock).config().autoscaler();
    Duration tick = autoscaler.tickInterval();
    assertEquals(List.of("health", "keepalive", "terminations", "autoscaler", "demand"), List.copyOf(next.keySet()));
    assertEquals(start.plusSeconds(5), next.get("health"));
    assertEquals(start.plusSeconds(5), next.get("keepalive"));
    assertEquals(start.plusSeconds(5), next.get("terminations"));
    assertEquals(start.plus(tick), next.get("autoscaler"), "the autoscaler never scales before anyone looked");
    assertEquals(start.plus(autoscaler.reaction().demandPoll()), next.get("demand"));
  }

  @Test
  void aStopThroughTheBotsProviderShowsInTheSharedSnapshotWithoutAList() {
    assertEquals(InstanceState.RUNNING, bot.snapshots().current().instances().get(0).state());
    int lists = provider.listCount();

    bot.provider().stopInstance(7);

    assertEquals(InstanceState.STOPPED, bot.snapshots().current().instances().get(0).state(),
        "the provider the services use keeps the snapshot current");
    assertEquals(lists, provider.listCount(), "by reading the one instance again, not by listing");
  }

  @Test
  void theHealthLoopListsTheFleetAndSweepsIt() {
    BackgroundLoop health = bot.loops().get(0);
    int lists = provider.listCount();

    LoopTick tick = health.runOnce();

    assertTrue(tick.ok(), tick.toString());
    assertEquals(lists + 1, provider.listCount(), "each tick lists the fleet afresh");
    assertTrue(tick.outcome().matches("1 [a-z ]+"), "one instance swept: " + tick.outcome());
  }
}
