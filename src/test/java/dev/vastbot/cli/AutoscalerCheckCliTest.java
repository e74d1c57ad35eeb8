package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.sim.SimInstanceView;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.host.SimHostFleet;
import dev.vastbot.ssh.SshKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autoscaler --check} ticks as cron runs them, against the simulated Vast API over HTTP and
 * simulated GPU hosts over SSH (what {@code vastbot sim --hosts} serves), with the demand signal in
 * a file the test writes: a demand burst scales up; while the market's prices jump, the fleet's
 * rate never passes what the daily cap allows; an outbid instance is replaced, and let go only
 * after its data was copied home.
 */
class AutoscalerCheckCliTest {
  private static final double DAILY_CAP = 40;
  @TempDir Path dir;
  private SimBackend sim;
  private SimMarketplace marketplace;
  private SimHostFleet hosts;
  private Path queue;

  @BeforeEach
  void start() throws Exception {
    sim = SimBackend.start(dir);
    marketplace = sim.marketplace;
    hosts = sim.hosts;
    queue = dir.resolve("queue");
    Files.writeString(queue, "0\n");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void aDemandBurstScalesUp_andWhilePricesJumpTheRateStaysWithinTheDailyCap() throws Exception {
    CliHarness cli = cli("""
          selfplay-4090:
            min_instances: 1
            max_instances: 6
            gpu_types: [RTX 4090]
            games_per_hour: {RTX 4090: 300}
            max_price: 5.0
            scale_up_cooldown_minutes: 0
            max_creates_per_tick: 2
            demand: {source: file, file: %s}
        """.formatted(queue));

    var first = cli.run("", "autoscaler", "--check");
    assertEquals(0, first.exitCode(), first.out() + first.err());
    assertTrue(first.out().contains("selfplay-4090: up: 0 instances below the minimum 1"), first.out());
    assertEquals(1, running().size(), first.out());
    assertWithinTheDailyCap(first.out());

    Files.writeString(queue, "6000\n"); // 20 h of work for one 4090
    var burst = cli.run("", "autoscaler", "--check");
    assertEquals(0, burst.exitCode(), burst.out() + burst.err());
    assertTrue(burst.out().contains("selfplay-4090: up: backlog 20.00 h"), burst.out());
    assertEquals(3, running().size(), burst.out());
    assertWithinTheDailyCap(burst.out());

    marketplace.faults().priceJump(4.0);
    for (int tick = 0; tick < 2; tick++) {
      var jumped = cli.run("", "autoscaler", "--check");
      assertEquals(0, jumped.exitCode(), jumped.out() + jumped.err());
      assertTrue(jumped.out().contains("selfplay-4090: needs approval:")
          && (jumped.out().contains("daily budget") || jumped.out().contains("next day's budget")),
          "the jumped offers do not fit a day of the cap: " + jumped.out());
      assertEquals(3, running().size(), "nothing rented past the cap: " + jumped.out());
      assertWithinTheDailyCap(jumped.out());
      assertTrue(jumped.out().contains(tick == 0 ? "asked for approval: provision " : "already awaits approval"),
          "one request, not one per tick: " + jumped.out());
    }

    var dryRun = cli.run("", "autoscaler", "--check", "--dry-run");
    assertTrue(dryRun.out().contains("dry run: nothing done"), dryRun.out());
  }

  @Test
  void anOutbidInstanceIsReplaced_andLetGoOnlyAfterItsDataIsCopiedHome() throws Exception {
    CliHarness cli = cli("""
          selfplay-4090:
            min_instances: 1
            max_instances: 2
            gpu_types: [RTX 4090]
            rental: interruptible
            max_price: 5.0
            on_outbid: replace
            unattended_scale_down: true
            demand: {source: file, file: %s}
        """.formatted(queue));
    var first = cli.run("", "autoscaler", "--check");
    assertEquals(0, first.exitCode(), first.out() + first.err());
    List<SimInstanceView> before = running();
    assertEquals(1, before.size(), first.out());
    long outbid = before.get(0).id();
    Path home = hosts.host(outbid).orElseThrow().home();
    Path game = home.resolve("ringrift/ai-service/data/games/outbid-run.jsonl");
    Files.createDirectories(game.getParent());
    Files.writeString(game, "{\"game\": 1}\n{\"game\": 2}\n");

    marketplace.faults().outbid(outbid);
    var replaced = cli.run("", "autoscaler", "--check");

    assertEquals(0, replaced.exitCode(), replaced.out() + replaced.err());
    assertTrue(replaced.out().contains("selfplay-4090: replace: vast-" + outbid + " was outbid"), replaced.out());
    assertTrue(replaced.out().contains("vast-" + outbid + ": termination ") && replaced.out().contains(" succeeded"),
        replaced.out());
    assertTrue(marketplace.instance(outbid).isEmpty(), "the outbid instance is destroyed: " + replaced.out());
    List<SimInstanceView> after = running();
    assertEquals(1, after.size(), replaced.out());
    assertFalse(after.get(0).id() == outbid);
    Path copy = dir.resolve("sync/" + outbid + "/" + game.toString().substring(1));
    assertEquals(Files.readString(game), Files.readString(copy), "copied home before the destroy");
  }

  @Test
  void anOutbidInstanceInARebiddingGroupGetsTheCeilingBid_andRunsAgainWithNothingRented() throws Exception {
    CliHarness cli = cli("""
          selfplay-4090:
            min_instances: 1
            max_instances: 1
            gpu_types: [RTX 4090]
            rental: interruptible
            max_price: 5.0
            bid_ceiling: 2.0
            on_outbid: rebid
            demand: {source: file, file: %s}
        """.formatted(queue));
    assertEquals(0, cli.run("", "autoscaler", "--check").exitCode());
    long id = running().get(0).id();
    marketplace.faults().outbid(id);

    var rebid = cli.run("", "autoscaler", "--check");

    assertEquals(0, rebid.exitCode(), rebid.out() + rebid.err());
    assertTrue(rebid.out().contains("vast-" + id + " was outbid: raised its bid from $"), rebid.out());
    assertTrue(rebid.out().contains("to the ceiling $2.000/h"), rebid.out());
    assertEquals(List.of(id), marketplace.instances().stream().map(SimInstanceView::id).toList(), rebid.out());
    assertEquals("running", marketplace.instance(id).orElseThrow().intendedStatus(), "resumed: " + rebid.out());
  }

  private CliHarness cli(String groups) throws Exception {
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
          daily_usd: %s
          monthly_usd: 100000
        sync:
          paths:
            - ~/ringrift/ai-service/data/games
          local_dir: %s
        autoscaler:
          demand_poll_seconds: 0   # every --check a full tick, as these runs come seconds apart
          budget:
            hourly_usd: 10
          groups:
        """.formatted(DAILY_CAP, dir.resolve("sync")) + groups.indent(2));
    Path key = dir.resolve("vast_ed25519");
    if (!Files.exists(key)) {
      SshKeys.createEd25519(key, "autoscaler-test");
    }
    return new CliHarness(sim.env(key, config, dir.resolve("vastbot.db")), dir, Clock.systemUTC());
  }

  private List<SimInstanceView> running() {
    return sim.running();
  }

  /** Nothing stops an instance for budget, so the fleet's rate must fit a whole day of the cap. */
  private void assertWithinTheDailyCap(String out) {
    double rate = marketplace.instances().stream().mapToDouble(SimInstanceView::dphTotal).sum();
    assertTrue(rate * 24 <= DAILY_CAP, "the fleet costs " + rate + " $/h, " + rate * 24 + " $ a day: " + out);
  }
}
