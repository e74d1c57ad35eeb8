package dev.vastbot.fleet.health;

import dev.vastbot.fleet.remote.HostJson;
import dev.vastbot.fleet.remote.ShellOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Decides an instance's health from one probe's outcome. Pure. */
public final class HealthClassifier {
  private final HealthThresholds thresholds;
  private final ProbeParser parser;

  public HealthClassifier(HealthThresholds thresholds, HostJson json) {
    this.thresholds = thresholds;
    this.parser = new ProbeParser(json);
  }

  public HealthAssessment classify(ShellOutcome outcome) {
    if (!outcome.completed()) {
      return failedRoundTrip(outcome);
    }
    ProbeReport report = parser.parse(outcome.stdout());
    var verdict = new Verdict();
    checkGpus(report, verdict);
    checkWorkers(report, verdict);
    checkOrchestrator(report, verdict);
    checkDisk(report, verdict);
    if (report.tailscaleIp() == null) {
      verdict.add(HealthLevel.DEGRADED, "no Tailscale IP");
    }
    return new HealthAssessment(verdict.level, verdict.reasons, Optional.of(report));
  }

  private static HealthAssessment failedRoundTrip(ShellOutcome outcome) {
    HealthLevel level = switch (outcome.failure()) {
      case AUTH_REFUSED -> HealthLevel.UNHEALTHY;
      case HOST_KEY_CHANGED -> HealthLevel.UNHEALTHY;
      default -> HealthLevel.UNREACHABLE;
    };
    String reason = switch (outcome.failure()) {
      case AUTH_REFUSED -> "SSH key refused (the instance lacks VAST_SSH_KEY's public key)";
      case HOST_KEY_CHANGED -> "SSH host key changed: connection refused";
      case TIMEOUT -> "SSH command timed out";
      case UNREACHABLE -> "SSH unreachable";
      case SSH_ERROR -> "SSH failed";
    };
    return new HealthAssessment(level, List.of(reason + " — " + outcome.message()), Optional.empty());
  }

  private void checkGpus(ProbeReport report, Verdict verdict) {
    if (report.gpuError() != null) {
      verdict.add(HealthLevel.UNHEALTHY, "nvidia-smi: " + report.gpuError());
      return;
    }
    Double utilization = report.meanGpuUtilization();
    if (utilization != null && utilization < thresholds.gpuUtilTargetPercent()) {
      verdict.add(HealthLevel.DEGRADED, String.format(Locale.ROOT, "GPU utilisation %.0f%% < %d%% target",
          utilization, thresholds.gpuUtilTargetPercent()));
    }
    Double memory = report.maxGpuMemoryPercent();
    if (memory != null && memory > thresholds.memoryWarningPercent()) {
      verdict.add(HealthLevel.DEGRADED, String.format(Locale.ROOT, "GPU memory %.0f%% > %d%%",
          memory, thresholds.memoryWarningPercent()));
    }
    Double temperature = report.maxGpuTemperature();
    if (temperature != null && temperature > HealthThresholds.HOT_GPU_CELSIUS) {
      verdict.add(HealthLevel.DEGRADED, String.format(Locale.ROOT, "GPU at %.0f°C", temperature));
    }
  }

  private static void checkWorkers(ProbeReport report, Verdict verdict) {
    if (report.workers() == null) {
      verdict.add(HealthLevel.DEGRADED, "worker count unknown");
    } else if (report.workers() == 0) {
      verdict.add(HealthLevel.UNHEALTHY, "no self-play workers");
    } else if (report.gamesLastHour() != null && report.gamesLastHour() == 0) {
      verdict.add(HealthLevel.DEGRADED, "no games in the last hour");
    }
  }

  private static void checkOrchestrator(ProbeReport report, Verdict verdict) {
    OrchestratorHealth p2p = report.orchestrator();
    if (!p2p.answered()) {
      verdict.add(HealthLevel.UNHEALTHY, "P2P orchestrator not answering");
    } else if (!p2p.healthy()) {
      verdict.add(HealthLevel.DEGRADED, "P2P orchestrator reports unhealthy");
    } else if (p2p.totalPeers() > 0 && p2p.activePeers() == 0) {
      verdict.add(HealthLevel.DEGRADED, "P2P sees none of its " + p2p.totalPeers() + " peers");
    }
  }

  private void checkDisk(ProbeReport report, Verdict verdict) {
    Integer disk = report.diskPercent();
    if (disk == null) {
      return;
    }
    if (disk >= HealthThresholds.DISK_FULL_PERCENT) {
      verdict.add(HealthLevel.UNHEALTHY, "disk " + disk + "% full");
    } else if (disk >= thresholds.diskWarningPercent()) {
      verdict.add(HealthLevel.DEGRADED, "disk " + disk + "% used");
    }
  }

  /** The worst level seen so far, with every reason. */
  private static final class Verdict {
    HealthLevel level = HealthLevel.HEALTHY;
    final List<String> reasons = new ArrayList<>();

    void add(HealthLevel found, String reason) {
      level = level.worst(found);
      reasons.add(reason);
    }
  }
}
