package dev.vastbot.fleet.health;

import java.util.List;
import java.util.Optional;

/** A health level with the reasons for it, and what the probe saw (when it completed). */
public record HealthAssessment(HealthLevel level, List<String> reasons, Optional<ProbeReport> report) {
  public HealthAssessment {
    reasons = List.copyOf(reasons);
  }

  public boolean healthy() {
    return level == HealthLevel.HEALTHY;
  }

  /** Whether the host answered and runs no self-play worker. */
  public boolean reachableWithoutWorkers() {
    return report.map(r -> r.workers() != null && r.workers() == 0).orElse(false);
  }

  /** The same assessment with one more reason. */
  public HealthAssessment withReason(String reason) {
    var more = new java.util.ArrayList<>(reasons);
    more.add(reason);
    return new HealthAssessment(level, more, report);
  }

  public String summary() {
    return level.display() + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
  }
}
