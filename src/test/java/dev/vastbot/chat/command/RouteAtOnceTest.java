package dev.vastbot.chat.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.LoggedAlerts;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.health.HealthClassifier;
import dev.vastbot.fleet.health.HealthThresholds;
import dev.vastbot.fleet.health.ProbeSettings;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.ssh.BoundedHostJson;
import dev.vastbot.testing.Eventually;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.HeldShell;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the router answers at once (for an acknowledgement) and what it leaves for later: a parse
 * error and help even before the first list, never a command that changes anything, and {@code
 * /vast health} from the last results while a sweep runs, but not when it would have to probe.
 */
class RouteAtOnceTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(1, "RTX 4090")
      .withReachableInstance(2, "RTX 4090").withReachableInstance(3, "RTX 4090");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final FleetSnapshots fleet = FleetSnapshots.uncached(vast, clock);
  private final HeldShell shell = new HeldShell();
  private final HealthSweep sweep = new HealthSweep(shell, store, new LoggedAlerts(),
      new HealthClassifier(new HealthThresholds(60, 80, 90), new BoundedHostJson()),
      new ProbeSettings("generate_data", "echo 0", 8770, "/health"), Duration.ofSeconds(5), clock);
  private final CommandRouter router = new CommandRouter(List.of(
      new StatusCommand(fleet, store, clock, List.of()),
      new HealthCommand(fleet, sweep, clock),
      new StopCommand(null)));
  private final ExecutorService sweeping = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    shell.release();
    sweeping.shutdownNow();
  }

  private Optional<String> atOnce(String line, boolean snapshotReady) throws InterruptedException {
    return router.routeAtOnce(line, Caller.console(), snapshotReady).map(new TextRenderer()::render);
  }

  @Test
  void beforeTheFirstList_aParseErrorAndHelpAreAnsweredAtOnce_theRestLater() throws Exception {
    assertTrue(atOnce("/vast stauts", false).orElseThrow().contains("Unknown command 'stauts'"));
    assertTrue(atOnce("/vast help", false).orElseThrow().contains("vastbot commands"));
    assertEquals(Optional.empty(), atOnce("/vast status", false));
    assertTrue(atOnce("/vast status", true).orElseThrow().contains("Fleet status"));
  }

  @Test
  void aCommandThatChangesSomething_isNeverRunAtOnce() throws Exception {
    assertEquals(Optional.empty(), atOnce("/vast stop 1", true));
    assertTrue(vast.calls().isEmpty(), vast.calls().toString());
    assertTrue(store.recentAudit(5).isEmpty(), "nothing ran, nothing audited");
  }

  @Test
  void health_whileASweepRuns_answersFromTheLastResults_andSaysHowFarItHasCome() throws Exception {
    sweep.sweep(vast.listInstances()); // the last results: all three unreachable, once
    shell.hold();
    sweeping.submit(() -> sweep.sweep(vast.listInstances()));
    Eventually.await("the second sweep under way, one host back", sweep::inProgress,
        p -> p.isPresent() && p.get().checked() == 1);
    String health = atOnce("/vast health", true).orElseThrow();
    assertTrue(health.contains("Health of 3 running instance(s) (last sweep"), health);
    assertTrue(health.contains("Sweep in progress, 1 of 3 checked"), health);
    assertTrue(health.contains("these are the last results"), health);
    assertEquals(2, shell.sweeps(), "answering probed nothing");
  }

  @Test
  void health_ofAnInstanceNoSweepIsProbing_isLeftForLater_notProbedAtOnce() throws Exception {
    sweep.sweep(vast.listInstances());
    vast.withReachableInstance(4, "RTX 4090"); // new since the last sweep, and no sweep under way
    assertEquals(Optional.empty(), atOnce("/vast health", true));
    assertEquals(1, shell.sweeps());
    Reply later = router.route("/vast health", Caller.console()); // the slow way probes it
    assertTrue(new TextRenderer().render(later).contains("Health of 4 running instance(s)"));
  }
}
