package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.config.HealthConfig;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.sim.SimInstanceView;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.host.SimHostFleet;
import dev.vastbot.ssh.SshKeys;
import dev.vastbot.store.JdbcFleetStore;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The termination and sync verbs as cron runs them ({@code lifecycle --shutdown}, {@code
 * data-sync}), against the simulated Vast API over HTTP and simulated GPU hosts over SSH: who may
 * approve from a shell, a shutdown that copies first, the idle shutdown, and syncing without
 * terminating.
 */
class TerminationCliTest {
  private static final String APPROVER = "U0123ABCD";
  private static final boolean UNATTENDED = false;
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Clock.systemUTC().instant());
  private SimBackend sim;
  private SimMarketplace marketplace;
  private SimHostFleet hosts;
  private CliHarness cli;
  private Path config;

  @BeforeEach
  void start() throws Exception {
    sim = SimBackend.start(dir);
    marketplace = sim.marketplace;
    hosts = sim.hosts;
    config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("vastbot.yaml"), """
        slack:
          approvers: [%s]
        provision:
          poll_interval_seconds: 1
        health:
          connect_timeout_seconds: 3
          command_timeout_seconds: 20
          idle_window_minutes: 30
          unattended_idle_shutdown: %s
        sync:
          paths:
            - ~/ringrift/ai-service/data/games
          local_dir: %s
        """.formatted(APPROVER, UNATTENDED, dir.resolve("sync")));
    Path key = dir.resolve("vast_ed25519");
    SshKeys.createEd25519(key, "termination-cli-test");
    cli = new CliHarness(sim.env(key, config, dir.resolve("vastbot.db")), dir, clock);
  }

  /** Rents {@code count} instances as cron would (each create paced as against real Vast). */
  private List<Long> provision(int count) {
    var provisioned = cli.run("", "p2p-sync", "--provision", "--gpu-type", "RTX_4090", "--count",
        Integer.toString(count));
    assertEquals(0, provisioned.exitCode(), provisioned.out() + provisioned.err());
    List<Long> ids = running().stream().map(SimInstanceView::id).sorted().toList();
    assertEquals(count, ids.size(), provisioned.out());
    return ids;
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void shutdownFromAShell_needsAnApprover_thenCopiesFirst_andSyncStatusSaysSo() throws Exception {
    long id = provision(1).get(0);
    Path game = writeGame(id, "cron-run.jsonl");

    var unnamed = cli.run("", "lifecycle", "--shutdown", "--instance", "vast-" + id, "--sync-first");
    assertEquals(2, unnamed.exitCode(), unnamed.out() + unnamed.err());
    assertTrue(unnamed.err().contains("--shutdown needs --approved-by USER naming an approver"), unnamed.err());
    var stranger = cli.run("", "lifecycle", "--shutdown", "--instance", "vast-" + id, "--sync-first",
        "--approved-by", "U0STRANGER");
    assertEquals(1, stranger.exitCode(), stranger.out() + stranger.err());
    assertTrue(stranger.out().contains("not approved: "), stranger.out());
    assertEquals(1, running().size(), "nothing destroyed before an approver's word");

    var approved = cli.run("", "lifecycle", "--shutdown", "--instance", "vast-" + id, "--sync-first",
        "--approved-by", APPROVER);

    assertEquals(0, approved.exitCode(), approved.out() + approved.err());
    assertTrue(approved.out().contains("vast-" + id) && approved.out().contains("succeeded"), approved.out());
    assertTrue(marketplace.instance(id).isEmpty(), "destroyed: " + approved.out());
    assertEquals(Files.readString(game), Files.readString(copyOf(id, game)), "copied home first");
    var status = cli.run("", "data-sync", "--status");
    assertEquals(0, status.exitCode(), status.out() + status.err());
    assertTrue(status.out().lines().anyMatch(line -> line.startsWith("vast-" + id) && line.contains("verified")),
        status.out());
  }

  @Test
  void dataSync_copiesEveryRunningInstance_withoutTerminating_andForceRehashesTheUnchanged() throws Exception {
    List<Long> ids = provision(2);
    Path game = writeGame(ids.get(1), "kept.jsonl");

    var synced = cli.run("", "data-sync", "--source", "vast", "--dest", "local");

    assertEquals(0, synced.exitCode(), synced.out() + synced.err());
    assertEquals(2, running().size(), "nothing terminated");
    assertEquals(Files.readString(game), Files.readString(copyOf(ids.get(1), game)));
    var status = cli.run("", "data-sync", "--status");
    for (long id : ids) {
      assertTrue(status.out().lines().anyMatch(line -> line.startsWith("vast-" + id) && line.contains("verified")),
          status.out());
    }
    var again = cli.run("", "data-sync", "--source", "vast", "--dest", "local", "--force");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    // the games database is snapshotted again (its worker still writes); the file is not copied
    assertTrue(again.out().lines().anyMatch(line -> line.matches("vast-" + ids.get(1) + " +1 +1 +\\d+ +verified +roots found: .*; missing: .*")),
        "the unchanged file re-hashed, not copied: " + again.out());
  }

  @Test
  void idleShutdown_takesOnlyTheInstanceIdleForTheWholeWindow() throws Exception {
    List<Long> ids = provision(2);
    long idle = ids.get(0);
    long busy = ids.get(1);
    hosts.host(idle).orElseThrow().faults().gpuIdle(true);

    var unnamed = cli.run("", "lifecycle", "--shutdown", "--idle", "--sync-first");
    assertEquals(2, unnamed.exitCode(), unnamed.out() + unnamed.err());
    assertTrue(unnamed.err().contains("or set health.unattended_idle_shutdown: true"), unnamed.err());
    var none = cli.run("", "lifecycle", "--shutdown", "--idle", "--sync-first", "--approved-by", APPROVER);
    assertEquals(0, none.exitCode(), none.out() + none.err());
    assertTrue(none.out().contains("No instance has been idle for 30 min"), none.out());

    clock.advance(Duration.ofMinutes(31));
    var shut = cli.run("", "lifecycle", "--shutdown", "--idle", "--sync-first", "--approved-by", APPROVER);

    assertEquals(0, shut.exitCode(), shut.out() + shut.err());
    assertTrue(shut.out().contains("Shutdown of 1 instance(s)") && shut.out().contains("vast-" + idle), shut.out());
    assertTrue(marketplace.instance(idle).isEmpty(), "the idle one is destroyed");
    assertTrue(marketplace.instance(busy).isPresent(), "the busy one is kept");
  }

  @Test
  void idleShutdownFromCron_goesByTheTeamsPolicy_withoutAnApprover_andIsAuditedAsSuch() throws Exception {
    Files.writeString(config.resolve("vastbot.yaml"), Files.readString(config.resolve("vastbot.yaml"))
        .replace("unattended_idle_shutdown: " + UNATTENDED, "unattended_idle_shutdown: true"));
    long idle = provision(1).get(0);
    hosts.host(idle).orElseThrow().faults().gpuIdle(true);
    assertEquals(0, cli.run("", "lifecycle", "--health-check").exitCode(), "the idle reading starts the window");

    var forced = cli.run("", "lifecycle", "--shutdown", "--idle", "--force-without-sync");
    assertEquals(2, forced.exitCode(), forced.out() + forced.err());
    assertTrue(forced.err().contains("no policy approves a destroy without sync"), forced.err());
    clock.advance(Duration.ofMinutes(31));
    var shut = cli.run("", "lifecycle", "--shutdown", "--idle");

    assertEquals(0, shut.exitCode(), shut.out() + shut.err());
    assertTrue(marketplace.instance(idle).isEmpty(), "destroyed by the policy: " + shut.out());
    String decidedBy = "policy:" + HealthConfig.UNATTENDED_IDLE_SHUTDOWN;
    try (var store = JdbcFleetStore.open("jdbc:sqlite:" + dir.resolve("vastbot.db"))) {
      List<AuditEntry> audit = store.recentAudit(30);
      assertTrue(audit.stream().anyMatch(e -> e.actor().equals(decidedBy) && e.action().equals("approve")
          && e.target().equals("vast-" + idle)), audit.toString());
    }
  }

  private Path writeGame(long id, String name) throws Exception {
    Path game = hosts.host(id).orElseThrow().home().resolve("ringrift/ai-service/data/games/" + name);
    Files.createDirectories(game.getParent());
    Files.writeString(game, "{\"game\": 1}\n{\"game\": 2}\n");
    return game;
  }

  private Path copyOf(long id, Path hostFile) {
    return dir.resolve("sync/" + id + "/" + hostFile.toString().substring(1));
  }

  private List<SimInstanceView> running() {
    return sim.running();
  }
}
