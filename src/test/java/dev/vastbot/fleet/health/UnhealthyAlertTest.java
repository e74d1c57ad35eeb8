package dev.vastbot.fleet.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.service.health.HealthProbe;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.service.health.RecordingRules;
import dev.vastbot.service.health.SetupWatch;
import dev.vastbot.ssh.BoundedHostJson;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.testing.ScriptedShell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
/** The "unhealthy" alert: raised as the streak reaches the threshold, updated, resolved by a healthy check. */
class UnhealthyAlertTest {
  private static final String HEALTHY = String.join("\n", "@@vastbot:gpu", "0, 91, 16000, 24564, 70",
      "@@vastbot:workers", "2", "@@vastbot:p2p",
      "{\"healthy\": true, \"node_id\": \"vast-1\", \"active_peers\": 2, \"total_peers\": 2}",
      "@@vastbot:disk", "41", "@@vastbot:games", "17", "@@vastbot:tailscale", "100.64.0.3", "@@vastbot:end", "");
  private final List<String> told = new ArrayList<>();
  private final AlertSink sink = new AlertSink() {
    @Override
    public void alert(Alert alert) {
      told.add(alert.severity() + " " + alert.incident());
    }

    @Override
    public void resolved(String incident, String text) {
      told.add("resolved " + incident);
    }
  };
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(1, "RTX 4090");
  private boolean reachable;
  private final ScriptedShell shell = new ScriptedShell().answering(command -> reachable
      ? ShellOutcome.completed(0, HEALTHY, "", false, Duration.ZERO)
      : ShellOutcome.failed(ShellOutcome.Failure.UNREACHABLE, "connection refused", Duration.ZERO));

  private HealthSweep sweep() {
    return new HealthSweep(shell, store, sink, new HealthProbe(new ProbeSettings("generate_data", "echo 0", 8770,
        "/health"), Duration.ofSeconds(5), new HealthClassifier(new HealthThresholds(60, 80, 90),
        new BoundedHostJson())), clock, new RecordingRules(10, 3),
        new SetupWatch(store, clock, SetupWatch.DEFAULT_DEADLINE));
  }

  @Test
  void raisedAtTheThreshold_updatedAfter_andResolvedByAHealthyCheck_evenAfterARestart() {
    HealthSweep sweep = sweep();
    for (int i = 0; i < 4; i++) {
      sweep.sweep(vast.listInstances());
    }
    assertEquals(List.of("WARNING unhealthy:1", "INFO unhealthy:1"), told);
    reachable = true;
    sweep().sweep(vast.listInstances()); // a new sweep, as after a restart of the bot
    assertEquals("resolved unhealthy:1", told.get(2));
    sweep().sweep(vast.listInstances());
    assertTrue(told.size() == 3, "resolved once: " + told);
  }
}
