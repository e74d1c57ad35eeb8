package dev.vastbot.service.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.Replacement;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.service.termination.Terminator;
import dev.vastbot.service.work.Keepalive;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replacement lets its old instance go only once the new one passes a health check: the tick
 * that rents it checks it at once; while it has not passed, the old one stays, nothing is rented
 * again, and a later tick lets the old one go when a check passes; a new one that does not pass
 * within the window is let go instead, and the old one is replaced again (an offer someone else
 * took meanwhile skipped for the next best). The hosts here answer the probe with nothing a healthy
 * host prints, so the tick's own check fails; the health loop's check is played by recording one in
 * the store.
 */
class AutoscalerReplacementTest {
  @TempDir Path dir;
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(1, "RTX 4090")
      .withOffer(12, "RTX 4090", 0.40, 0.99).withOffer(13, "RTX 4090", 0.45, 0.99);
  private final ProvisionPolicy provision = new ProvisionPolicy("img", 50, 0.50, 0.95, "", Map.of(), 1,
      Duration.ofMinutes(5), Duration.ofSeconds(10));

  @Test
  void theOldInstanceStaysUntilItsReplacementPassesAHealthCheck() throws Exception {
    store.startOperation(Keepalive.REPLACE, "loop:keepalive", "vast-1", clock.instant());
    try (Vastbot bot = bot()) {
      String first = run(bot, "/vast autoscale");
      long replacement = newInstance();
      assertTrue(first.contains("replace: vast-1 marked for replacement by the keepalive"), first);
      assertTrue(first.contains("vast-1 stays until vast-" + replacement + " passes a health check (within 30 min)"
          ), first);
      assertEquals(List.of(), store.openOperations(Terminator.KIND), "nothing is terminated yet");
      assertEquals(List.of(new Replacement(1, replacement, "selfplay-4090", clock.instant())), store.replacements());

      clock.advance(Duration.ofMinutes(10));
      String waiting = run(bot, "/vast autoscale");
      assertEquals(2, vast.listInstances().size(), "nothing rented again while it waits: " + waiting);
      assertEquals(List.of(), store.openOperations(Terminator.KIND), waiting);

      clock.advance(Duration.ofMinutes(5));
      store.recordHealthCheck(replacement, true, "healthy", clock.instant()); // the health loop's sweep
      String passed = run(bot, "/vast autoscale");
      assertTrue(passed.contains("replace: vast-" + replacement + " replaces vast-1 and passed its health check"),
          passed);
      assertTrue(passed.contains("vast-1: termination ") && passed.contains(" awaits approval"), passed);
      assertEquals(List.of("vast-1"), terminating());
      long termination = store.openOperations(Terminator.KIND).get(0).id();
      assertEquals(List.of(new Replacement(1, replacement, "selfplay-4090", clock.instant().minus(Duration.ofMinutes(15)))
          .leaving(Replacement.Stage.OLD_LEAVING, termination)), store.replacements(),
          "kept until vast-1 is gone, with the termination that lets it go");

      vast.destroyInstance(1);
      clock.advance(Duration.ofMinutes(10));
      bot.snapshots().refresh(); // as the health loop keeps it
      run(bot, "/vast autoscale");
      assertEquals(List.of(), store.replacements(), "vast-1 is gone: the replacement is over");
    }
  }

  @Test
  void aReplacementThatDoesNotPassInTime_isLetGo_andTheOldOneIsReplacedAgainOnceItIsGone() throws Exception {
    store.startOperation(Keepalive.REPLACE, "loop:keepalive", "vast-1", clock.instant());
    try (Vastbot bot = bot()) {
      run(bot, "/vast autoscale");
      long replacement = newInstance();

      clock.advance(Duration.ofMinutes(31));
      String overdue = run(bot, "/vast autoscale");
      assertTrue(overdue.contains("down: vast-" + replacement + ", rented to replace vast-1, did not pass a health"
          + " check within 30 min"), overdue);
      assertEquals(List.of("vast-" + replacement), terminating(), overdue);
      assertEquals(List.of(Replacement.Stage.NEW_LEAVING), store.replacements().stream().map(Replacement::stage)
          .toList(), overdue);

      clock.advance(Duration.ofMinutes(10));
      String waiting = run(bot, "/vast autoscale");
      assertTrue(waiting.contains("vast-" + replacement + ", rented to replace vast-1, did not pass and is being let"
          + " go"), waiting);
      assertEquals(2, vast.listInstances().size(), "nothing rented while it leaves: " + waiting);

      vast.destroyInstance(replacement); // its termination was approved and done
      clock.advance(Duration.ofMinutes(10));
      bot.snapshots().refresh(); // as the health loop keeps it
      String again = run(bot, "/vast autoscale");
      assertTrue(again.contains("replace: vast-1 marked for replacement by the keepalive"), again);
      assertTrue(again.contains("offer 12 was taken; trying the next one"), "the fake still lists it: " + again);
      assertEquals(2, vast.listInstances().size(), overdue + "\n---\n" + again);
    }
  }

  @Test
  void aReplacementSomeoneShutsDown_doesNotLetItsOldInstanceGo_whichIsReplacedAgain() throws Exception {
    store.startOperation(Keepalive.REPLACE, "loop:keepalive", "vast-1", clock.instant());
    try (Vastbot bot = bot()) {
      run(bot, "/vast autoscale");
      long replacement = newInstance();
      String shutdown = run(bot, "/vast shutdown " + replacement);
      assertTrue(shutdown.contains("is awaiting approval"), shutdown);
      store.recordHealthCheck(replacement, true, "healthy", clock.instant()); // healthy, but on its way out

      clock.advance(Duration.ofMinutes(10));
      String again = run(bot, "/vast autoscale");
      assertTrue(again.contains("replace: vast-1 marked for replacement by the keepalive"), again);
      assertEquals(List.of("vast-" + replacement), terminating(), "vast-1 stays: " + again);
      assertEquals(3, vast.listInstances().size(), again);
    }
  }

  @Test
  void anOldInstanceWhoseLetGoWasDenied_isHeld_notReplacedAgain_andWhenItGoesNothingMoreIsRented() throws Exception {
    store.startOperation(Keepalive.REPLACE, "loop:keepalive", "vast-1", clock.instant());
    try (Vastbot bot = bot()) {
      run(bot, "/vast autoscale");
      long replacement = newInstance();
      store.recordHealthCheck(replacement, true, "healthy", clock.instant());
      run(bot, "/vast autoscale"); // vast-1's termination awaits approval
      long termination = store.openOperations(Terminator.KIND).get(0).id();
      String denied = run(bot, "/vast deny " + termination);
      assertEquals(List.of(), terminating(), denied);

      for (int tick = 0; tick < 5; tick++) {
        clock.advance(Duration.ofMinutes(10));
        store.recordHealthCheck(1, false, "unhealthy", clock.instant()); // still broken: a candidate but for the hold
        bot.snapshots().refresh();
        String held = run(bot, "/vast autoscale");
        assertTrue(held.contains("vast-1 is held: vast-" + replacement + " replaced it, but letting it go did not end"
            + " it; it is not replaced again until a person terminates it (/vast shutdown 1) or it is gone"), held);
        assertFalse(held.contains("replace: vast-1"), "no replacement decided for vast-1 again: " + held);
        assertEquals(2, vast.listInstances().size(), "nothing rented for vast-1 again: " + held);
      }
      assertEquals(List.of(Replacement.Stage.OLD_LEAVING), store.replacements().stream().map(Replacement::stage)
          .toList(), "the store remembers it, for cron runs and restarts");

      vast.destroyInstance(1); // a person let it go
      clock.advance(Duration.ofMinutes(10));
      bot.snapshots().refresh();
      String gone = run(bot, "/vast autoscale");
      assertEquals(List.of(replacement), vast.listInstances().stream().map(Instance::id).toList(),
          "the replacement already rented stands in for it: " + gone);
      assertEquals(List.of(), store.replacements(), gone);
    }
  }

  @Test
  void aReplacement_doesNotRestartTheScaleUpCooldown() throws Exception {
    vast.withOffer(14, "RTX 4090", 0.45, 0.99);
    store.startOperation(Keepalive.REPLACE, "loop:keepalive", "vast-1", clock.instant());
    try (Vastbot bot = bot(60)) {
      String replaced = run(bot, "/vast autoscale");
      assertTrue(replaced.contains("replace: vast-1 marked for replacement by the keepalive"), replaced);
      assertEquals(java.util.Optional.empty(), store.lastScale("selfplay-4090", "up"), replaced);

      long replacement = newInstance();
      store.recordHealthCheck(replacement, true, "healthy", clock.instant());
      run(bot, "/vast autoscale"); // vast-1 goes
      clock.advance(Duration.ofMinutes(5));
      Files.writeString(dir.resolve("queue"), "100000\n");
      String burst = run(bot, "/vast autoscale");
      assertTrue(burst.contains("up: backlog"), "no cooldown left from the replacement: " + burst);
      assertTrue(burst.contains("not rented"), burst); // the fleet's cap of 1 refuses it here
      assertEquals(java.util.Optional.empty(), store.lastScale("selfplay-4090", "up"),
          "a scale-up that rented nothing starts no cooldown either: " + burst);
    }
  }

  /** The targets of the terminations under way. */
  private List<String> terminating() {
    return store.openOperations(Terminator.KIND).stream().map(o -> o.target()).toList();
  }

  /** The one instance besides vast-1. */
  private long newInstance() {
    return vast.listInstances().stream().mapToLong(Instance::id).filter(id -> id != 1).max().orElseThrow();
  }

  private Vastbot bot() throws Exception {
    return bot(0);
  }

  private Vastbot bot(int scaleUpCooldownMinutes) throws Exception {
    Files.writeString(dir.resolve("vastbot.yaml"), """
        autoscaler:
          groups:
            selfplay-4090:
              min_instances: 1
              max_instances: 3
              gpu_types: [RTX 4090]
              max_price: 2.0
              scale_up_cooldown_minutes: %d
              scale_down_cooldown_minutes: 0
              budget: {daily_usd: 1000, monthly_usd: 100000}
              demand: {source: file, file: %s}
        """.formatted(scaleUpCooldownMinutes, dir.resolve("queue")));
    Files.writeString(dir.resolve("queue"), "0\n");
    return new Vastbot(BotParts.of(ConfigLoader.load(dir, Map.of(), dir), provision, vast, store, clock));
  }

  private static String run(Vastbot bot, String line) throws InterruptedException {
    return new TextRenderer().render(bot.router().route(line, Caller.console()));
  }
}
