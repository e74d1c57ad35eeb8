package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.sim.SimInstanceView;
import dev.vastbot.ssh.SshKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autoscaler} as cron runs it, one process after the other on one store, against the
 * simulated Vast API over HTTP and simulated hosts over SSH: a scale-down parks the group's
 * instances in its warm pool (stopped, no approval asked), and the next burst's {@code --check}
 * restarts a member before it rents anything.
 */
class WarmPoolCheckCliTest {
  @TempDir Path dir;
  private SimBackend sim;
  private Path queue;

  @BeforeEach
  void start() throws Exception {
    sim = SimBackend.start(dir);
    queue = dir.resolve("queue");
    Files.writeString(queue, "0\n");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void aBurstAfterAScaleDown_restartsAWarmPoolMember_beforeAnyFreshRent() throws Exception {
    CliHarness cli = cli();
    Files.writeString(queue, "6000\n");
    var burst = cli.run("", "autoscaler", "--check");
    assertEquals(0, burst.exitCode(), burst.out() + burst.err());
    Set<Long> rented = ids();
    assertEquals(2, rented.size(), burst.out());

    Files.writeString(queue, "0\n");
    var status = cli.run("", "keepalive", "--status"); // a scale-down takes only what a health check reached
    assertEquals(0, status.exitCode(), status.out() + status.err());
    var down = cli.run("", "autoscaler", "--scale-down", "--count", "2");
    assertEquals(0, down.exitCode(), down.out() + down.err());
    assertTrue(down.out().contains("stopped into the warm pool"), down.out());
    assertEquals(0, sim.running().size(), down.out());

    Files.writeString(queue, "6000\n");
    var again = cli.run("", "autoscaler", "--check");

    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("restarted from the warm pool"), again.out());
    assertEquals(rented, ids(), "nothing fresh rented: the members came back: " + again.out());
    assertEquals(2, sim.running().size(), again.out());
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
    return new CliHarness(sim.env(key, config, dir.resolve("vastbot.db")), dir, Clock.systemUTC());
  }
}
