package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The {@code health} section of {@code vastbot.yaml}: how instances are probed and judged.
 *
 * @param interval time between two health passes
 * @param gpuUtilTargetPercent GPU utilisation below which an instance counts as under-used, 0..100
 * @param memoryWarningPercent memory use that raises a warning, 1..100
 * @param diskWarningPercent disk use that raises a warning, 1..100
 * @param failuresBeforeAction failed probes in a row before anything is done, at least 1
 * @param connectTimeout deadline for an SSH connection
 * @param commandTimeout deadline for one probe command
 * @param snapshotMaxAge how old the shared fleet snapshot may get before a read starts a list in
 *     the background (default: twice {@code interval}, so a missed health tick is tolerated)
 * @param idleGpuPercent under this mean GPU utilisation an instance counts as idle, 0..100
 * @param idleWindow how long it must stay idle to be a candidate for {@code lifecycle --shutdown
 *     --idle} (an unreachable instance counts as busy)
 * @param unattendedIdleShutdown whether {@code lifecycle --shutdown --idle} may terminate without
 *     {@code --approved-by}: the team's explicit policy for cron, recorded as the approver {@code
 *     policy:health.unattended_idle_shutdown}; never a destroy without sync (default false)
 * @param setupDeadline how long an instance's set-up (provision or restart: boot, workers, P2P) may
 *     take, counted from its create or start, before it is reported and judged like any other
 *     (default 15 min)
 */
public record HealthConfig(
    Duration interval,
    int gpuUtilTargetPercent,
    int memoryWarningPercent,
    int diskWarningPercent,
    int failuresBeforeAction,
    Duration connectTimeout,
    Duration commandTimeout,
    Duration snapshotMaxAge,
    int idleGpuPercent,
    Duration idleWindow,
    boolean unattendedIdleShutdown,
    Duration setupDeadline) {
  /** The key of {@link #unattendedIdleShutdown}, as an approval by policy names it. */
  public static final String UNATTENDED_IDLE_SHUTDOWN = "health.unattended_idle_shutdown";
  static final int DEFAULT_SETUP_DEADLINE_MINUTES = 15;

  public HealthConfig {
    requireNonNull(interval, "interval == null");
    requireNonNull(connectTimeout, "connectTimeout == null");
    requireNonNull(commandTimeout, "commandTimeout == null");
    requireNonNull(snapshotMaxAge, "snapshotMaxAge == null");
    requireNonNull(idleWindow, "idleWindow == null");
    requireNonNull(setupDeadline, "setupDeadline == null");
  }

  /** The section with the default set-up deadline, 15 min. */
  public HealthConfig(Duration interval, int gpuUtilTargetPercent, int memoryWarningPercent, int diskWarningPercent,
      int failuresBeforeAction, Duration connectTimeout, Duration commandTimeout, Duration snapshotMaxAge,
      int idleGpuPercent, Duration idleWindow, boolean unattendedIdleShutdown) {
    this(interval, gpuUtilTargetPercent, memoryWarningPercent, diskWarningPercent, failuresBeforeAction,
        connectTimeout, commandTimeout, snapshotMaxAge, idleGpuPercent, idleWindow, unattendedIdleShutdown,
        Duration.ofMinutes(DEFAULT_SETUP_DEADLINE_MINUTES));
  }

  static HealthConfig read(ConfigSection health) {
    var interval = seconds(health, "interval_seconds", 60);
    var gpuUtilTarget =
        health
            .integer("gpu_util_target_percent", 60)
            .require(p -> p >= 0 && p <= 100, "must be between 0 and 100");
    var memoryWarning = percent(health, "memory_warning_percent", 80);
    var diskWarning = percent(health, "disk_warning_percent", 90);
    var failures =
        health.integer("failures_before_action", 3).require(n -> n >= 1, "must be at least 1");
    var connectTimeout = seconds(health, "connect_timeout_seconds", 10);
    var commandTimeout = seconds(health, "command_timeout_seconds", 20);
    var snapshotMaxAge = seconds(health, "snapshot_max_age_seconds", (int) interval.toSeconds() * 2);
    var idleGpu = health.integer("idle_gpu_percent", 10)
        .require(p -> p >= 0 && p <= 100, "must be between 0 and 100");
    var idleWindow = health.integer("idle_window_minutes", 60).require(m -> m > 0, "must be greater than 0");
    var unattended = health.bool("unattended_idle_shutdown", false);
    var setupDeadline = health.integer("setup_deadline_minutes", DEFAULT_SETUP_DEADLINE_MINUTES)
        .require(m -> m > 0, "must be greater than 0");
    health.rejectUnknownKeys();
    return new HealthConfig(
        interval,
        gpuUtilTarget.value(),
        memoryWarning,
        diskWarning,
        failures.value(),
        connectTimeout,
        commandTimeout,
        snapshotMaxAge,
        idleGpu.value(),
        Duration.ofMinutes(idleWindow.value()),
        unattended.value(),
        Duration.ofMinutes(setupDeadline.value()));
  }

  private static Duration seconds(ConfigSection health, String key, int fallback) {
    var seconds = health.integer(key, fallback).require(s -> s > 0, "must be greater than 0");
    return Duration.ofSeconds(seconds.value());
  }

  private static int percent(ConfigSection health, String key, int fallback) {
    return health
        .integer(key, fallback)
        .require(p -> p >= 1 && p <= 100, "must be between 1 and 100")
        .value();
  }
}
