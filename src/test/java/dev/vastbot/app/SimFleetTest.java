package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.health.HealthLevel;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.work.KeepaliveReport;
import dev.vastbot.hosts.VastInstancesSync;
import dev.vastbot.sim.host.SimHost;
import dev.vastbot.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
/**
 * The bot against simulated GPU hosts: real SSH servers running real shell commands, workers and
 * P2P orchestrators as real processes. One fleet of three is provisioned once; each test breaks
 * one host, checks how it is classified, and mends it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimFleetTest {
  @TempDir static Path configDir;
  private static DemoWorld world;
  private static Vastbot bot;
  private static List<Long> ids;

  @BeforeAll
  static void provisionThreeHosts() throws Exception {
    Files.writeString(configDir.resolve("vastbot.yaml"), """
        health:
          connect_timeout_seconds: 2
          command_timeout_seconds: 5
          failures_before_action: 2
        """);
    var config = ConfigLoader.load(configDir, Map.of(), configDir);
    world = DemoWorld.start(config, 7, Clock.systemUTC());
    bot = world.bot();
    String reply = run("/vast provision --gpu-type RTX_4090 --count 3");
    assertTrue(reply.contains("OK: 3 new instance(s) running."), reply);
    ids = bot.provider().listInstances().stream().map(i -> i.id()).sorted().toList();
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  private static String run(String line) throws InterruptedException {
    return new TextRenderer().render(bot.router().route(line, Caller.console()));
  }

  /** {@link #run} for use in a probe. */
  private static String routed(String line) {
    try {
      return run(line);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static SimHost host(int index) {
    return world.hosts().host(ids.get(index)).orElseThrow();
  }

  private static HostHealth health(int index) {
    long id = ids.get(index);
    return bot.healthSweep().sweep(bot.provider().listInstances()).stream()
        .filter(h -> h.instance().id() == id).findFirst().orElseThrow();
  }

  /** Waits (bounded) until the host's health is {@code level}; returns that check. */
  private static HostHealth awaitLevel(int index, HealthLevel level, Duration bound) {
    return Eventually.await("vast-" + ids.get(index) + " " + level.display(), bound, () -> health(index),
        h -> h.assessment().level() == level);
  }

  @Test
  @Order(1)
  void provisionedHosts_areHealthy_withOneWorkerEach_countedDespiteThePatternInTheProbe() {
    for (int i = 0; i < 3; i++) {
      HostHealth result = awaitLevel(i, HealthLevel.HEALTHY, Duration.ofSeconds(20));
      assertEquals(HealthLevel.HEALTHY, result.assessment().level(), result.assessment().summary());
      var report = result.assessment().report().orElseThrow();
      assertEquals(1, report.workers(), "the probe's own command line names the worker pattern");
      assertTrue(report.tailscaleIp().startsWith("100.64."));
      assertTrue(report.orchestrator().healthy());
    }
  }

  @Test
  @Order(2)
  void hostsFileSync_recordsEachInstancesTailscaleIp() {
    var file = dev.vastbot.config.DistributedHostsFile.at(configDir.resolve("distributed_hosts.yaml"));
    var instances = bot.provider().listInstances();
    var report = VastInstancesSync.sync(file, instances, bot.p2p().tailscaleIps(instances), Instant.now());
    assertEquals(3, report.added());
    var entries = file.readVastInstances();
    assertEquals(3, entries.size());
    for (var entry : entries) {
      assertEquals(world.hosts().host(entry.id()).orElseThrow().tailscaleIp(), entry.tailscaleIp());
    }
  }

  @Test
  @Order(3)
  void deadWorkers_areUnhealthy_andKeepaliveBringsThemBack() throws Exception {
    host(0).faults().workersDead();
    HostHealth broken = health(0);
    assertEquals(HealthLevel.UNHEALTHY, broken.assessment().level());
    assertTrue(broken.assessment().reasons().contains("no self-play workers"), broken.assessment().summary());

    String reply = run("/vast keepalive");
    assertTrue(reply.contains("OK: vast-" + ids.get(0) + ": workers restarted"), reply);
    assertEquals(1, health(0).assessment().report().orElseThrow().workers());
  }

  @Test
  @Order(4)
  void loopKeepalive_waitsForTheConfiguredStreak_beforeRestarting() throws Exception {
    host(1).faults().workersDead();
    KeepaliveReport first = bot.keepalive().auto(new Actor("loop:keepalive"), false);
    assertTrue(first.workerRestarts().isEmpty(), "acts only after 2 failed checks in a row");
    assertEquals("no workers in 1 check(s) in a row; acting after 2", first.skipped().get(ids.get(1)));
    KeepaliveReport second = bot.keepalive().auto(new Actor("loop:keepalive"), false);
    assertEquals(List.of(ids.get(1)), second.workerRestarts().stream().map(r -> r.instanceId()).toList(),
        second.toString());
  }

  @Test
  @Order(5)
  void idleGpu_isDegraded() {
    host(2).faults().gpuIdle(true);
    try {
      HostHealth idle = health(2);
      assertEquals(HealthLevel.DEGRADED, idle.assessment().level(), idle.assessment().summary());
      assertTrue(idle.assessment().reasons().get(0).startsWith("GPU utilisation"), idle.assessment().summary());
    } finally {
      host(2).faults().gpuIdle(false);
    }
  }

  @Test
  @Order(6)
  void fullDisk_isUnhealthy() {
    host(2).faults().diskFull(true);
    try {
      HostHealth full = awaitLevel(2, HealthLevel.UNHEALTHY, Duration.ofSeconds(10));
      assertTrue(full.assessment().reasons().contains("disk 99% full"), full.assessment().summary());
    } finally {
      host(2).faults().diskFull(false);
    }
  }

  @Test
  @Order(7)
  void downOrchestrator_isUnhealthy_andStartP2pBringsItBack() throws Exception {
    host(2).faults().orchestratorDown();
    HostHealth down = health(2);
    assertTrue(down.assessment().reasons().contains("P2P orchestrator not answering"), down.assessment().summary());
    var started = bot.p2p().startWhereDown();
    assertEquals(List.of(ids.get(2)), List.copyOf(started.keySet()));
    assertTrue(started.get(ids.get(2)).healthy(), started.toString());
  }

  @Test
  @Order(8)
  void p2pStatus_showsEveryoneSeeingEveryone_andRestartRejoins() throws Exception {
    String status = Eventually.await("every node sees every other", Duration.ofSeconds(20),
        () -> routed("/vast p2p status"), s -> !s.contains(" no ") && s.contains("One partition."));
    assertTrue(status.contains("P2P: 3 of 3 node(s) answering"), status);
    assertTrue(status.contains("One partition."), status);
    String restarted = run("/vast p2p restart " + ids.get(1));
    assertTrue(restarted.startsWith("OK: vast-" + ids.get(1) + ": orchestrator restarted; healthy, sees"), restarted);
    assertTrue(run("/vast p2p discover").contains("told about 2 peer(s)"));
  }

  @Test
  @Order(9)
  void logs_showTheOrchestratorAndWorkerLogs() throws Exception {
    assertTrue(run("/vast logs " + ids.get(0) + " workers").contains("[generate_data]"));
    String p2p = run("/vast logs vast-" + ids.get(0));
    assertTrue(p2p.contains("p2p log (last 40 lines)"), p2p);
    assertFalse(p2p.startsWith("ERROR"), p2p);
  }

  @Test
  @Order(10)
  void hangingHost_isUnreachable_withoutDelayingTheSweepPastItsDeadline() {
    host(2).faults().sshHang(true);
    try {
      bot.healthSweep().sweep(bot.provider().listInstances()); // drop the kept session
      Instant start = Instant.now();
      List<HostHealth> results = bot.healthSweep().sweep(bot.provider().listInstances());
      Duration took = Duration.between(start, Instant.now());
      assertTrue(took.compareTo(Duration.ofSeconds(9)) < 0, "sweep took " + took);
      var byId = results.stream().collect(java.util.stream.Collectors.toMap(h -> h.instance().id(), h -> h));
      assertEquals(HealthLevel.UNREACHABLE, byId.get(ids.get(2)).assessment().level(),
          byId.get(ids.get(2)).assessment().summary());
      assertEquals(HealthLevel.HEALTHY, byId.get(ids.get(0)).assessment().level(),
          byId.get(ids.get(0)).assessment().summary());
    } finally {
      host(2).faults().sshHang(false);
    }
  }

  @Test
  @Order(11)
  void hostThatRefusesOurKey_isReportedAsSuch_notAsUnreachable(@TempDir Path keys) throws Exception {
    Path strangerKey = keys.resolve("stranger_ed25519");
    dev.vastbot.ssh.SshKeys.createEd25519(strangerKey, "stranger");
    var pins = new dev.vastbot.testing.InMemoryFleetStore();
    try (var stranger = dev.vastbot.ssh.MinaRemoteShell.start(dev.vastbot.ssh.SshSettings.defaults(strangerKey),
        pins.pins(), Clock.systemUTC())) {
      var sweep = new dev.vastbot.service.health.HealthSweep(stranger, pins, alert -> { },
          new dev.vastbot.fleet.health.HealthClassifier(new dev.vastbot.fleet.health.HealthThresholds(60, 80, 90), new dev.vastbot.ssh.BoundedHostJson()),
          new dev.vastbot.fleet.health.ProbeSettings("app.training.generate_data", "echo 0", 8770, "/health"),
          Duration.ofSeconds(10), Clock.systemUTC());
      HostHealth refused = sweep.sweep(bot.provider().listInstances()).get(0);
      assertEquals(HealthLevel.UNHEALTHY, refused.assessment().level());
      assertTrue(refused.assessment().reasons().get(0).startsWith("SSH key refused"),
          refused.assessment().summary());
    }
  }

  @Test
  @Order(12)
  void changedHostKey_isRefused_untilAPersonForgetsThePin() throws Exception {
    host(2).faults().hostKeyChanged();
    HostHealth refused = health(2);
    assertEquals(HealthLevel.UNHEALTHY, refused.assessment().level());
    assertTrue(refused.assessment().reasons().get(0).startsWith("SSH host key changed"),
        refused.assessment().summary());
    assertTrue(bot.store().recentAudit(5).stream().anyMatch(a -> a.action().equals("host-key-refused")));

    assertTrue(run("/vast forget-host-key " + ids.get(2)).startsWith("OK:"));
    HostHealth again = awaitLevel(2, HealthLevel.HEALTHY, Duration.ofSeconds(10));
    assertEquals(HealthLevel.HEALTHY, again.assessment().level(), again.assessment().summary());
  }

  @Test
  @Order(13)
  void hostileHostsFile_peersAreSkipped_andNothingInjectedRunsOnTheHost() throws Exception {
    Files.writeString(world.hostsFile().path(), """
        hosts:
          gpu-box-2:
            p2p_enabled: true
            tailscale_ip: "100.70.1.3'$(id > ~/owned-now)'"
          gpu-box-3:
            p2p_enabled: true
            tailscale_ip: "100.70.1.2'; id > ~/owned; echo '"
          gpu-box-4:
            p2p_enabled: true
            tailscale_ip: 100.70.1.5
            p2p_port: "8770; id > ~/owned-port"
          honest-box:
            p2p_enabled: true
            tailscale_ip: 100.70.1.4
        vast_instances:
          - id: 99
            hostname: vast-99
            tailscale_ip: "100.64.9.9$(id > ~/owned-vast)"
            status: running
        """);
    host(0).faults().orchestratorDown();

    var started = bot.p2p().startWhereDown();

    for (String owned : List.of("owned-now", "owned", "owned-port", "owned-vast")) {
      assertFalse(Files.exists(host(0).home().resolve(owned)), owned + " was written: the injection ran");
    }
    assertTrue(started.get(ids.get(0)).healthy(), started.toString());
    String log = Files.readString(host(0).home().resolve("ringrift/ai-service/logs/p2p_orchestrator.log"));
    String lastStart = log.substring(log.lastIndexOf("listening on"));
    assertTrue(lastStart.contains(", 3 peers"), "honest-box and the two other hosts: " + lastStart);
  }
}
