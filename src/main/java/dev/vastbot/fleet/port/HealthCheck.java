package dev.vastbot.fleet.port;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.health.HealthLevel;
import java.util.List;
import java.util.Map;

/**
 * Checks a few instances' health now (the health loop's probe, for the instances on trial as
 * replacements), recording what it found as the health loop does.
 */
@FunctionalInterface
public interface HealthCheck {
  /** Checks none: replacements then wait for the health loop's own sweeps. */
  HealthCheck NONE = instances -> Map.of();

  /** Each checked instance's level by id; an instance missing from the answer was not checked. */
  Map<Long, HealthLevel> check(List<Instance> instances) throws InterruptedException;

  /** Whether a level passes as a replacement's check: reachable and doing its job (degraded counts). */
  static boolean passes(HealthLevel level) {
    return level == HealthLevel.HEALTHY || level == HealthLevel.DEGRADED;
  }
}
