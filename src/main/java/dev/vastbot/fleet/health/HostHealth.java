package dev.vastbot.fleet.health;

import dev.vastbot.fleet.HealthStreak;
import dev.vastbot.fleet.Instance;

/**
 * One instance's health after a sweep.
 *
 * @param streak the consecutive-failure count including this check
 */
public record HostHealth(Instance instance, HealthAssessment assessment, HealthStreak streak) {}
