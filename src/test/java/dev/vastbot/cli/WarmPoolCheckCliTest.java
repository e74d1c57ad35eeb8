package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.sim.SimInstanceView;
import dev.vastbot.ssh.SshKeys;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autoscaler} as cron runs it, one process after the other on one store, against the
 * simulated Vast API over HTTP and simulated hosts over SSH, all on one simulated clock (the
 * commands' waits advance it): a scale-down parks the group's instances in its warm pool (stopped,
 * no approval asked); then {@code --check} runs every simulated minute (a full tick every {@code
 * tick_minutes}, a demand poll between), and a burst between ticks restarts the parked members
 * within two minutes, before anything fresh is rented.
 */
class WarmPoolCheckCliTest {
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at("2026-12-10T12:00:00Z");
  private SimBackend sim;
  private Path queue;
  private CliHarness cli;

  @BeforeEach
  void start() throws Exception {
    sim = SimBackend.start(dir, clock);
    queue = dir.resolve("queue");
    Files.writeString(queue, "0\n");
    cli = cli();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void aBurstBetweenTicks_restartsTheParkedMembersWithinTwoMinutes_beforeAnyFreshRent() throws Exception {
    Set<Long> parked = rentTwoAndParkThem();

    // every minute, the demand nil: the members stay stopped, nothing is rented
    for (int minute = 0; minute < 3; minute++) {
      var run = check();
      assertEquals(parked, ids(), "minute " + minute + ": " + run.out());
      assertEquals(0, sim.running().size(), "minute " + minute + ": " + run.out());
      clock.advance(Duration.ofMinutes(1));
    }

    Files.writeString(queue, "6000\n"); // the burst, at minute 3 of the full tick's 10
    int restartedAt = -1;
    for (int minute = 0; minute <= 2 && restartedAt < 0; minute++) {
      var run = check();
      assertEquals(parked, ids(), "nothing fresh rented: the members come back first: " + run.out());
      if (!sim.running().isEmpty()) {
        restartedAt = minute;
        assertTrue(run.out().contains("triggered: backlog"), "a poll between ticks triggered it: " + run.out());
        assertTrue(run.out().contains("restarted from the warm pool"), run.out());
        assertFalse(run.out().contains("rented"), run.out());
      }
      clock.advance(Duration.ofMinutes(1));
    }

    assertTrue(restartedAt >= 0 && restartedAt <= 2, "restarted " + restartedAt + " min after the burst (-1: not)");
    assertEquals(2, sim.running().size(), "both members run again");
    var after = check(); // and the minute after, at the group's maximum, still nothing fresh
    assertEquals(parked, ids(), after.out());
  }

  /** A burst's rent of two, a health check, then an explicit scale-down that parks both; their ids. */
  private Set<Long> rentTwoAndParkThem() throws Exception {
    Files.writeString(queue, "6000\n");
    var burst = check();
    Set<Long> rented = ids();
    assertEquals(2, rented.size(), burst.out());
    Files.writeString(queue, "0\n");
    var status = cli.run("", "keepalive", "--status"); // a scale-down takes only what a health check reached
    assertEquals(0, status.exitCode(), status.out() + status.err());
    var down = cli.run("", "autoscaler", "--scale-down", "--count", "2");
    assertEquals(0, down.exitCode(), down.out() + down.err());
    assertEquals(2, down.out().split("stopped into the warm pool", -1).length - 1, down.out());
    assertEquals(0, sim.running().size(), down.out());
    clock.advance(Duration.ofMinutes(10)); // the next full tick is due
    return rented;
  }

  private CliHarness.Run check() {
    var run = cli.run("", "autoscaler", "--check");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    return run;
  }

  private Set<Long> ids() {
    return sim.marketplace.instances().stream().map(SimInstanceView::id).collect(Collectors.toSet());
  }

  private CliHarness cli() throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("vastbot.yaml"), """
        provision:
          poll_interval_seconds: 1
        health:
          connect_timeout_seconds: 3
          command_timeout_seconds: 20
        budgets:
          daily_usd: 1000
          monthly_usd: 100000
        sync:
          paths:
            - ~/ringrift/ai-service/data/games
          local_dir: %s
        autoscaler:
          tick_minutes: 10
          budget: {daily_usd: 1000, monthly_usd: 100000}
          groups:
            selfplay-4090:
              min_instances: 0
              max_instances: 2
              gpu_types: [RTX 4090]
              games_per_hour: {RTX 4090: 300}
              max_price: 5.0
              scale_up_cooldown_minutes: 0
              scale_down_cooldown_minutes: 0
              max_creates_per_tick: 2
              max_terminations_per_tick: 2
              demand: {source: file, file: %s}
              warm_pool: {size: 2, max_disk_gb: 500, max_stopped_hours: 24}
        """.formatted(dir.resolve("sync"), queue));
    Path key = dir.resolve("vast_ed25519");
    SshKeys.createEd25519(key, "warm-pool-test");
    return new CliHarness(sim.env(key, config, dir.resolve("vastbot.db")), dir, clock, clock.pause());
  }
}
