package dev.vastbot.fleet.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.remote.ShellOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthClassifierTest {
  private final HealthClassifier classifier = new HealthClassifier(new HealthThresholds(60, 80, 90), new dev.vastbot.ssh.BoundedHostJson());
  private static final String HEALTHY_P2P =
      "{\"healthy\": true, \"node_id\": \"vast-1\", \"active_peers\": 2, \"total_peers\": 2}";

  private static String probe(String gpu, String workers, String p2p, String disk, String games, String ts) {
    return String.join("\n", "@@vastbot:gpu", gpu, "@@vastbot:workers", workers, "@@vastbot:p2p", p2p,
        "@@vastbot:disk", disk, "@@vastbot:games", games, "@@vastbot:tailscale", ts, "@@vastbot:end", "");
  }

  private HealthAssessment classify(String output) {
    return classifier.classify(ShellOutcome.completed(0, output, "", false, Duration.ofMillis(5)));
  }

  @Test
  void busyHost_isHealthy() {
    var result = classify(probe("0, 91, 16000, 24564, 70\n1, 88, 15000, 24564, 68", "2", HEALTHY_P2P, "41",
        "17", "100.64.0.3"));
    assertEquals(HealthLevel.HEALTHY, result.level(), result.reasons().toString());
    assertEquals(89.5, result.report().orElseThrow().meanGpuUtilization(), 0.01);
  }

  @Test
  void notApplicableValues_areIgnored() {
    var result = classify(probe("0, 91, [N/A], [N/A], [Not Supported]", "1", HEALTHY_P2P, "41", "17",
        "100.64.0.3"));
    assertEquals(HealthLevel.HEALTHY, result.level(), result.reasons().toString());
  }

  @Test
  void idleGpu_isDegraded() {
    var result = classify(probe("0, 3, 900, 24564, 40", "1", HEALTHY_P2P, "41", "5", "100.64.0.3"));
    assertEquals(HealthLevel.DEGRADED, result.level());
    assertTrue(result.reasons().contains("GPU utilisation 3% < 60% target"), result.reasons().toString());
  }

  @Test
  void memoryAbove80_isDegraded() {
    var result = classify(probe("0, 95, 23000, 24564, 70", "1", HEALTHY_P2P, "41", "5", "100.64.0.3"));
    assertEquals(HealthLevel.DEGRADED, result.level());
    assertTrue(result.reasons().get(0).startsWith("GPU memory 94% > 80%"), result.reasons().toString());
  }

  @Test
  void noWorkers_isUnhealthy() {
    var result = classify(probe("0, 2, 500, 24564, 40", "0", HEALTHY_P2P, "41", "0", "100.64.0.3"));
    assertEquals(HealthLevel.UNHEALTHY, result.level());
    assertTrue(result.reasons().contains("no self-play workers"));
    assertTrue(result.reachableWithoutWorkers());
  }

  @Test
  void silentOrchestrator_isUnhealthy_andUnhealthyOneIsDegraded() {
    assertEquals(HealthLevel.UNHEALTHY,
        classify(probe("0, 90, 500, 24564, 40", "1", "", "41", "9", "100.64.0.3")).level());
    var unhealthy = classify(probe("0, 90, 500, 24564, 40", "1",
        "{\"healthy\": false, \"active_peers\": 1, \"total_peers\": 1}", "41", "9", "100.64.0.3"));
    assertEquals(HealthLevel.DEGRADED, unhealthy.level());
    assertTrue(unhealthy.reasons().contains("P2P orchestrator reports unhealthy"));
  }

  @Test
  void fullDisk_isUnhealthy_nearlyFullIsDegraded() {
    assertEquals(HealthLevel.UNHEALTHY,
        classify(probe("0, 90, 500, 24564, 40", "1", HEALTHY_P2P, "99", "9", "100.64.0.3")).level());
    assertEquals(HealthLevel.DEGRADED,
        classify(probe("0, 90, 500, 24564, 40", "1", HEALTHY_P2P, "92", "9", "100.64.0.3")).level());
  }

  @Test
  void brokenNvidiaSmi_isUnhealthy() {
    var result = classify(probe("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver",
        "1", HEALTHY_P2P, "41", "9", "100.64.0.3"));
    assertEquals(HealthLevel.UNHEALTHY, result.level());
    assertTrue(result.reasons().get(0).startsWith("nvidia-smi: NVIDIA-SMI has failed"));
  }

  @Test
  void sshFailures_areUnreachable_exceptRefusedKeysWhichSaySo() {
    var timeout = classifier.classify(ShellOutcome.failed(ShellOutcome.Failure.TIMEOUT, "10 s", Duration.ZERO));
    assertEquals(HealthLevel.UNREACHABLE, timeout.level());
    var refused = classifier.classify(ShellOutcome.failed(ShellOutcome.Failure.AUTH_REFUSED, "denied", Duration.ZERO));
    assertEquals(HealthLevel.UNHEALTHY, refused.level());
    assertTrue(refused.reasons().get(0).startsWith("SSH key refused"));
    var changed = classifier.classify(ShellOutcome.failed(ShellOutcome.Failure.HOST_KEY_CHANGED, "x", Duration.ZERO));
    assertTrue(changed.reasons().get(0).startsWith("SSH host key changed"));
  }

  @Test
  void missingTailscale_isDegraded() {
    var result = classify(probe("0, 90, 500, 24564, 40", "1", HEALTHY_P2P, "41", "9", ""));
    assertEquals(HealthLevel.DEGRADED, result.level());
    assertTrue(result.reasons().contains("no Tailscale IP"));
  }
}
