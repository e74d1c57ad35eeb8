package dev.vastbot.fleet.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.service.health.HealthProbe;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.service.health.RecordingRules;
import dev.vastbot.service.health.SetupWatch;
import dev.vastbot.ssh.BoundedHostJson;
import dev.vastbot.store.JdbcFleetStore;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.testing.ScriptedShell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/**
 * A set-up that never ends (its process was killed mid-provision) on a real SQLite store, with an
 * injected clock: starting, unprobed and unjudged until the deadline; then reported once, and
 * judged like any other instance from that sweep on.
 */
class SetupDeadlineTest {
  /** A host that answers but runs nothing: unhealthy once judged. */
  private static final String NOTHING_RUNS = String.join("\n", "@@vastbot:gpu", "0, 0, 100, 24564, 40",
      "@@vastbot:workers", "0", "@@vastbot:p2p", "", "@@vastbot:disk", "20", "@@vastbot:games", "0",
      "@@vastbot:tailscale", "100.64.0.3", "@@vastbot:end", "");
  /** A host whose workers and orchestrator run: healthy. */
  private static final String EVERYTHING_RUNS = String.join("\n", "@@vastbot:gpu", "0, 91, 16000, 24564, 70",
      "@@vastbot:workers", "2", "@@vastbot:p2p",
      "{\"healthy\": true, \"node_id\": \"vast-1\", \"active_peers\": 2, \"total_peers\": 2}",
      "@@vastbot:disk", "41", "@@vastbot:games", "17", "@@vastbot:tailscale", "100.64.0.3", "@@vastbot:end", "");
  @TempDir Path dir;
  private final List<String> told = new ArrayList<>();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(1, "RTX 4090");
  private boolean workersRun;
  private final ScriptedShell shell = new ScriptedShell().answering(command -> ShellOutcome.completed(0,
      workersRun ? EVERYTHING_RUNS : NOTHING_RUNS, "", false, Duration.ZERO));
  private JdbcFleetStore store;
  private HealthSweep sweep;

  @BeforeEach
  void openStore() {
    store = JdbcFleetStore.open(JdbcFleetStore.defaultUrl(dir));
    AlertSink sink = new AlertSink() {
      @Override
      public void alert(Alert alert) {
        told.add(alert.severity() + " " + alert.incident() + ": " + alert.text());
      }

      @Override
      public void resolved(String incident, String text) {
        told.add("resolved " + incident + ": " + text);
      }
    };
    sweep = new HealthSweep(shell, store, sink, new HealthProbe(new ProbeSettings("generate_data", "echo 0", 8770,
        "/health"), Duration.ofSeconds(5), new HealthClassifier(new HealthThresholds(60, 80, 90),
        new BoundedHostJson())), clock, new RecordingRules(10, 3),
        new SetupWatch(store, clock, Duration.ofMinutes(15)));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void aSetUpThatNeverEnds_isStartingUntilItsDeadline_thenReportedOnce_andJudgedNormally() {
    store.startSetup(1, OpenSetup.PROVISION, clock.instant());
    for (int minute = 0; minute < 15; minute += 2) {
      HostHealth health = sweepOne();
      assertEquals(HealthLevel.STARTING, health.assessment().level(), health.assessment().summary());
      assertEquals(0, health.streak().consecutiveFailures());
      clock.advance(Duration.ofMinutes(2));
    }
    assertEquals(List.of(), shell.commands(), "nothing probed while starting");
    assertEquals(List.of(), told);
    assertEquals(Optional.empty(), store.healthStreak(1), "nothing added to its streak");

    clock.advance(Duration.ofMinutes(1)); // 17 min after its start
    HostHealth overdue = sweepOne();
    assertEquals(List.of("WARNING setup:1: vast-1: set-up did not finish within 15 min; its health is judged"
        + " from now on"), told);
    assertEquals(HealthLevel.UNHEALTHY, overdue.assessment().level(), "judged in the same sweep");
    assertEquals(1, overdue.streak().consecutiveFailures());
    assertEquals(List.of(), store.openSetups());

    sweepOne();
    HostHealth third = sweepOne();
    assertEquals(3, third.streak().consecutiveFailures());
    assertEquals(2, told.size(), "the deadline told once, then the usual alert: " + told);
    assertTrue(told.get(1).startsWith("WARNING unhealthy:1: vast-1 failed 3 health checks in a row"), told.get(1));
  }

  @Test
  void theOverrunAlert_clearsOnce_whenTheInstanceIsFirstSeenHealthy() {
    store.startSetup(1, OpenSetup.PROVISION, clock.instant());
    clock.advance(Duration.ofMinutes(16));
    sweepOne();
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).startsWith("WARNING setup:1: "), told.get(0));

    workersRun = true;
    assertEquals(HealthLevel.HEALTHY, sweepOne().assessment().level());
    sweepOne();

    assertEquals(List.of("resolved setup:1: vast-1 is healthy now; its set-up had overrun"), told.subList(1, told.size()),
        "cleared once: " + told);
    assertEquals(java.util.Set.of(), store.overdueSetups());
  }

  @Test
  void aSetUpThatEnds_isJudgedAtTheNextSweep_andACachedStartingIsNotAnAnswer() {
    OpenSetup restart = new OpenSetup(1, OpenSetup.RESTART, clock.instant());
    store.startSetup(1, restart.kind(), restart.startedAt());
    List<Instance> fleet = vast.listInstances();
    assertEquals(HealthLevel.STARTING, sweepOne().assessment().level());
    assertEquals(HealthLevel.STARTING, sweep.checkedSoFar(fleet).get(0).assessment().level());

    store.endSetup(restart, "done", clock.instant());
    assertEquals(List.of(), sweep.checkedSoFar(fleet), "the last sweep's 'starting' is stale now");
    assertEquals(HealthLevel.UNHEALTHY, sweepOne().assessment().level());
    assertEquals(List.of(), told);
  }

  private HostHealth sweepOne() {
    List<HostHealth> results = sweep.sweep(vast.listInstances());
    assertEquals(1, results.size());
    return results.get(0);
  }
}
