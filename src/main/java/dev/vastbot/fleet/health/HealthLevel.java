package dev.vastbot.fleet.health;

import java.util.Locale;

/** How an instance is doing, worst last. */
public enum HealthLevel {
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

  HealthLevel worst(HealthLevel other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
