package dev.vastbot.fleet;

/**
 * One instance's health check, to record with the others of its sweep ({@link
 * dev.vastbot.fleet.port.HealthStore#recordHealthChecks}).
 *
 * @param level the check's level as shown ("healthy", "unreachable", ...)
 * @param idle whether its GPUs were read and found idle
 * @param gamesLastHour the games it reported for the last hour; null when it reported none (then
 *     nothing is recorded for games)
 */
public record HealthCheckRecord(long instanceId, boolean healthy, String level, boolean idle,
    Integer gamesLastHour) {}
