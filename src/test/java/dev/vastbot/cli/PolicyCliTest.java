package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.ssh.SshKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autoscaler --policy} as a shell runs it: the policy alone without an API key (saying the
 * decision needs one), and with the simulated Vast API the decision {@code --check} would make,
 * the guard on unknown demand included.
 */
class PolicyCliTest {
  @TempDir Path dir;
  private SimBackend sim;
  private Path queue;
  private Path config;

  @BeforeEach
  void start() throws Exception {
    sim = SimBackend.start(dir);
    queue = dir.resolve("queue");
    Files.writeString(queue, "0\n");
    config = Files.createDirectories(dir.resolve("config"));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void withoutAnApiKey_printsThePolicy_andSaysTheDecisionNeedsIt() throws Exception {
    writeConfig(2, 4);
    Map<String, String> env = new HashMap<>(env());
    env.remove("VAST_API_KEY");

    var run = new CliHarness(env, dir, Clock.systemUTC()).run("", "autoscaler", "--policy");

    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("Autoscaler policy (1 group(s), UTC)"), run.out());
    assertTrue(run.out().contains("cheap: window default (UTC), 2..4 instances, max $5.00/h"), run.out());
    assertTrue(run.out().contains("What each group would do now needs VAST_API_KEY"), run.out());
    assertFalse(run.out().contains("now:"), run.out());
    assertTrue(sim.marketplace.instances().isEmpty(), "nothing asked of Vast");
  }

  @Test
  void withTheDemandUnreadable_showsTheHoldThatCheckMakes() throws Exception {
    writeConfig(2, 2);
    CliHarness cli = new CliHarness(env(), dir, Clock.systemUTC());
    var rented = cli.run("", "autoscaler", "--check");
    assertEquals(0, rented.exitCode(), rented.out() + rented.err());
    assertEquals(2, sim.running().size(), rented.out());
    var swept = cli.run("", "keepalive", "--status"); // a health check each: reachable, so they may go
    assertEquals(0, swept.exitCode(), swept.out() + swept.err());

    writeConfig(0, 1); // one instance too many: the tick would scale down, but the queue cannot be read
    Files.delete(queue);
    var check = cli.run("", "autoscaler", "--check", "--dry-run");
    var policy = cli.run("", "autoscaler", "--policy");

    String decided = lineAfter(check.out(), "cheap: ");
    assertTrue(decided.startsWith("hold: ") && decided.contains("not scaling down while the demand is unknown"),
        check.out());
    assertEquals(decided, lineAfter(policy.out(), "  now: "), "--policy shows what --check decides:\n"
        + check.out() + "\n" + policy.out());
    assertEquals(2, sim.running().size());
  }

  private static String lineAfter(String text, String prefix) {
    return text.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
        .findFirst().orElse("(no line starting \"" + prefix + "\" in:\n" + text + ")");
  }

  private Map<String, String> env() throws Exception {
    Path key = dir.resolve("vast_ed25519");
    if (!Files.exists(key)) {
      SshKeys.createEd25519(key, "policy-test");
    }
    return sim.env(key, config, dir.resolve("vastbot.db"));
  }

  private void writeConfig(int min, int max) throws Exception {
    Files.writeString(config.resolve("vastbot.yaml"), """
        provision:
          poll_interval_seconds: 1
        health:
          connect_timeout_seconds: 3
          command_timeout_seconds: 20
        autoscaler:
          # each --check here is a full tick (back to back, a due tick would otherwise make it a poll)
          demand_poll_seconds: 0
          budget: {hourly_usd: 100, daily_usd: 2000, monthly_usd: 100000}
          groups:
            cheap:
              min_instances: %d
              max_instances: %d
              gpu_types: [RTX 4090]
              games_per_hour: {RTX 4090: 300}
              max_price: 5.0
              scale_up_cooldown_minutes: 0
              scale_down_cooldown_minutes: 0
              demand: {source: file, file: %s}
        """.formatted(min, max, queue));
  }
}
