package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.ssh.SshKeys;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autoscaler --check} as cron runs it every minute, against the simulated Vast API over HTTP
 * (and simulated GPU hosts over SSH) on one simulated clock: a full tick every {@code tick_minutes}
 * (10), a demand poll in the minutes between, and capacity requested within two minutes of a burst
 * or of a queue that grows faster than the fleet drains it, though the next full tick is minutes
 * away. The demand signal is a file the test writes.
 */
class AutoscalerReactionCliTest {
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at("2026-12-10T12:00:00Z");
  private SimBackend sim;
  private SimMarketplace marketplace;
  private Path queue;
  private CliHarness cli;

  @BeforeEach
  void start() throws Exception {
    sim = SimBackend.start(dir, clock);
    marketplace = sim.marketplace;
    queue = dir.resolve("queue");
    Files.writeString(queue, "0\n");
    cli = cli();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void aBurstBetweenTicksIsScaledUpWithinTwoMinutes() throws Exception {
    runEveryMinuteUntil(23); // full ticks at minutes 0, 10 and 20; polls between
    assertEquals(1, sim.running().size(), "the minimum, from the first tick");

    Files.writeString(queue, "3000\n"); // 10 h of work for the one 4090, at minute 23
    int reacted = minutesUntilMoreThan(1, 2);

    assertTrue(reacted <= 2, "capacity requested " + reacted + " min after the burst");
    assertEquals(3, marketplace.instances().size(), "two more, the most one decision creates");
  }

  @Test
  void aQueueGrowingFasterThanTheFleetDrainsItIsScaledUpBeforeItCrossesTheThreshold() throws Exception {
    runEveryMinuteUntil(23);

    // 100 games a minute against 300 games/h: the threshold (1 h: 300 games) is not reached until
    // minute 26, but within the 5-minute boot the queue passes it
    int reacted = -1;
    for (int minute = 1; minute <= 2 && reacted < 0; minute++) {
      Files.writeString(queue, (100 * minute) + "\n");
      var run = check();
      if (marketplace.instances().size() > 1) {
        reacted = minute;
        // the growth is read over the boot time: 200 games in the last 5 minutes, 2,400 games/h
        assertTrue(run.out().contains("triggered: queue growing 2400 games/h: backlog 1.33 h within the 5 min"
            + " boot, above the 1.00 h scale-up threshold"), run.out());
      }
      clock.advance(Duration.ofMinutes(1));
    }

    assertTrue(reacted > 0 && reacted <= 2, "scaled up at minute " + reacted);
  }

  /** Runs {@code --check} each minute from now to {@code minute} (exclusive), checking each one. */
  private void runEveryMinuteUntil(int minute) throws Exception {
    for (int m = 0; m < minute; m++) {
      var run = check();
      boolean tick = m % 10 == 0;
      assertEquals(tick, !run.out().contains("demand polled"), "minute " + m + ": " + run.out());
      clock.advance(Duration.ofMinutes(1));
    }
  }

  /** The minute (1, 2, ...) at which the account first holds more than {@code count} instances. */
  private int minutesUntilMoreThan(int count, int atMost) throws Exception {
    for (int minute = 1; minute <= atMost; minute++) {
      clock.advance(Duration.ofMinutes(1));
      var run = check();
      if (marketplace.instances().size() > count) {
        assertTrue(run.out().contains("triggered: backlog 10.00 h crossed the 1.00 h scale-up threshold"),
            run.out());
        return minute;
      }
    }
    return Integer.MAX_VALUE;
  }

  private CliHarness.Run check() {
    var run = cli.run("", "autoscaler", "--check");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    return run;
  }

  private CliHarness cli() throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("vastbot.yaml"), """
        slack:
          approvers: [U0123ABCD]
        provision:
          poll_interval_seconds: 1
        health:
          connect_timeout_seconds: 3
          command_timeout_seconds: 20
        budgets:
          daily_usd: 200
          monthly_usd: 100000
        autoscaler:
          tick_minutes: 10
          budget:
            hourly_usd: 10
          groups:
            selfplay-4090:
              min_instances: 1
              max_instances: 6
              gpu_types: [RTX 4090]
              games_per_hour: {RTX 4090: 300}
              max_price: 5.0
              demand: {source: file, file: %s}
        """.formatted(queue));
    Path key = dir.resolve("vast_ed25519");
    SshKeys.createEd25519(key, "reaction-test");
    return new CliHarness(sim.env(key, config, dir.resolve("vastbot.db")), dir, clock, clock.pause());
  }
}
