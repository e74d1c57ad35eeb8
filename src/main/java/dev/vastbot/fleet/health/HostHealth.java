package dev.vastbot.fleet.health;

import dev.vastbot.fleet.HealthStreak;
import dev.vastbot.fleet.Instance;

/**
 * One instance's health after a sweep.
 *
 * @param streak the consecutive-failure count including this check
 * @param idleSince since when its GPUs have stayed under the idle threshold; empty when busy,
 *     and when it could not be read (unreachable counts as busy, never idle)
 */
public record HostHealth(Instance instance, HealthAssessment assessment, HealthStreak streak,
    java.util.Optional<java.time.Instant> idleSince) {

  public HostHealth(Instance instance, HealthAssessment assessment, HealthStreak streak) {
    this(instance, assessment, streak, java.util.Optional.empty());
  }
}
