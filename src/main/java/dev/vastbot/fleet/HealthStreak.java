package dev.vastbot.fleet;

import java.time.Instant;

/**
 * How many health checks in a row found an instance not healthy (0 after a healthy check).
 *
 * @param lastLevel the level of the latest check ("healthy", "degraded", ...)
 */
public record HealthStreak(long instanceId, int consecutiveFailures, String lastLevel, Instant lastChecked) {}
