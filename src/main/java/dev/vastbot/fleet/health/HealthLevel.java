package dev.vastbot.fleet.health;

import java.util.Locale;

/** How an instance is doing, worst last. */
public enum HealthLevel {
  /** Its set-up (provision, restart) is in progress: not judged yet ({@link SetupStage#STARTING}). */
  STARTING,
  HEALTHY,
  /** Working, but something is off (idle GPU, memory or disk filling, P2P isolated). */
  DEGRADED,
  /** Not doing its job (no workers, no orchestrator, disk full, key refused). */
  UNHEALTHY,
  /** No SSH round trip completed. */
  UNREACHABLE;

  public String display() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level a {@link #display()} text names (as the store keeps it), if any. */
  public static java.util.Optional<HealthLevel> ofDisplay(String text) {
    for (HealthLevel level : values()) {
      if (level.display().equals(text)) {
        return java.util.Optional.of(level);
      }
    }
    return java.util.Optional.empty();
  }

  HealthLevel worst(HealthLevel other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
