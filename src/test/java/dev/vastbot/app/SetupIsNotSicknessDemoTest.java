package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.alert.AlertBatch;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo, through its console's router: an instance whose set-up is in progress (provision or
 * keepalive restart) shows as starting in {@code /vast health} and {@code /vast list}, raises no
 * alert however often it is swept, and is judged once its set-up is done. Each simulated host's
 * set-up is held at its first step (the code sync before its workers start, a config command that
 * waits for a file in the host's home) until the test lets it go.
 */
class SetupIsNotSicknessDemoTest {
  private static final Duration BOUND = Duration.ofSeconds(60);
  @TempDir Path configDir;
  private final List<String> alerts = new CopyOnWriteArrayList<>();
  private final ExecutorService background = Executors.newFixedThreadPool(2);
  private DemoWorld world;
  private Vastbot bot;

  @BeforeEach
  void startDemo() throws Exception {
    Files.writeString(configDir.resolve("vastbot.yaml"), """
        health:
          connect_timeout_seconds: 2
          command_timeout_seconds: 5
        workers:
          sync_code_command: "until [ -e ~/setup-gate ]; do sleep 0.05; done; echo set-up let go"
        """);
    var config = ConfigLoader.load(configDir, Map.of(), configDir);
    world = DemoWorld.alertingTo(config, 11, Clock.systemUTC(), new AlertSink() {
      @Override
      public void alert(Alert alert) {
        alerts.add(alert.incident() + ": " + alert.text());
      }

      @Override
      public void publish(AlertBatch batch) {
        batch.events().forEach(event -> alerts.add(event.incident() + " (" + event.getClass().getSimpleName() + ")"));
      }
    });
    bot = world.bot();
  }

  @AfterEach
  void stop() throws Exception {
    world.hosts().attachedHosts().forEach(host -> letGo(host.home()));
    background.shutdown();
    background.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS);
    world.close();
  }

  @Test
  void twoInstancesInProvisionSetUp_showAsStarting_raiseNoAlert_andAreHealthyOnceSetUp() throws Exception {
    Future<String> provision = background.submit(() -> run("/vast provision --gpu-type RTX_4090 --count 2"));
    List<Long> ids = awaitRunning(2);
    assertEquals(ids, bot.store().openSetups().stream().map(OpenSetup::instanceId).sorted().toList());

    String health = run("/vast health");
    assertEquals(2, rowsWith(health, ids, " starting "), health);
    assertFalse(health.contains("unhealthy"), health);
    for (int sweep = 0; sweep < 4; sweep++) { // more than notification_hooks' 3 failures in a row
      String fresh = run("/vast health --fresh");
      assertEquals(2, rowsWith(fresh, ids, " starting "), fresh);
    }
    assertEquals(2, rowsWith(run("/vast list"), ids, " starting "), run("/vast list"));
    assertEquals(List.of(), alerts, "no alert while setting up");
    ids.forEach(id -> assertEquals(0, bot.store().healthStreak(id).map(s -> s.consecutiveFailures()).orElse(0)));

    ids.forEach(id -> letGo(world.hosts().host(id).orElseThrow().home()));
    String provisioned = provision.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    assertTrue(provisioned.contains("OK: 2 new instance(s) running."), provisioned);
    assertEquals(List.of(), bot.store().openSetups());
    assertEquals(List.of(), alerts, "none while set up");
    String list = run("/vast list");
    assertEquals(2, rowsWith(list, ids, " running "), list);
    String healthy = Eventually.await("both healthy", BOUND, () -> run("/vast health --fresh"),
        reply -> rowsWith(reply, ids, " healthy ") == 2);
    assertFalse(healthy.contains("starting"), healthy);
    // judged now: the first to finish may see none of its peers until the second has joined, and
    // sweeps back to back can count that to the alert's threshold; whatever was raised is cleared
    var last = new java.util.LinkedHashMap<String, String>();
    alerts.forEach(event -> last.put(event.substring(0, Math.max(0, event.indexOf(" ("))), event));
    assertTrue(last.values().stream().allMatch(event -> event.endsWith("(Cleared)")), alerts.toString());
  }

  @Test
  void aKeepaliveRestart_showsAsStartingDuringItsSetUp_andIsJudgedAfter() throws Exception {
    Future<String> first = background.submit(() -> run("/vast provision --gpu-type RTX_4090 --count 1"));
    Eventually.await("a host attached", BOUND, () -> world.hosts().attachedHosts(), hosts -> {
      hosts.forEach(host -> letGo(host.home()));
      return !hosts.isEmpty();
    });
    assertTrue(first.get(BOUND.toSeconds(), TimeUnit.SECONDS).contains("OK: 1 new instance(s) running."));
    long id = bot.provider().listInstances().get(0).id();
    Path home = world.hosts().host(id).orElseThrow().home();
    Files.delete(home.resolve("setup-gate"));
    bot.provider().stopInstance(id); // stopped under it, not by a person: keepalive restarts it
    Eventually.await("vast-" + id + " stopped", BOUND, () -> bot.provider().listInstances().get(0).state(),
        state -> state == InstanceState.STOPPED);

    Future<?> keepalive = background.submit(() -> bot.keepalive().auto(new Actor("loop:keepalive"), false));
    awaitRunning(1);
    assertEquals(OpenSetup.RESTART, bot.store().openSetups().get(0).kind());
    for (int sweep = 0; sweep < 4; sweep++) {
      String fresh = run("/vast health --fresh");
      assertEquals(1, rowsWith(fresh, List.of(id), " starting "), fresh);
    }
    assertEquals(1, rowsWith(run("/vast list"), List.of(id), " starting "));
    assertEquals(List.of(), alerts);

    letGo(home);
    keepalive.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    assertEquals(List.of(), bot.store().openSetups());
    Eventually.await("vast-" + id + " healthy after its restart", BOUND, () -> run("/vast health --fresh"),
        reply -> rowsWith(reply, List.of(id), " healthy ") == 1);
    assertEquals(List.of(), alerts);
  }

  /**
   * Waits until {@code count} instances run, as the bot lists them, with a host attached: their
   * set-up is then held at its gate (the first one's) or waits its turn.
   */
  private List<Long> awaitRunning(int count) {
    return Eventually.await(count + " running instance(s)", BOUND, () -> bot.snapshots().refresh().instances()
        .stream().filter(i -> i.state() == InstanceState.RUNNING && world.hosts().host(i.id()).isPresent())
        .map(Instance::id).sorted().toList(), ids -> ids.size() == count);
  }

  private static void letGo(Path home) {
    try {
      Files.writeString(home.resolve("setup-gate"), "go");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long rowsWith(String reply, List<Long> ids, String status) {
    return reply.lines().filter(line -> ids.stream().anyMatch(id -> line.startsWith(id + " "))
        && line.contains(status)).count();
  }

  private String run(String line) {
    try {
      return new TextRenderer().render(bot.router().route(line, Caller.console()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
