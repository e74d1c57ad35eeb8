package dev.vastbot.service.health;

/**
 * How a sweep's recorded checks are judged over time: under which mean GPU utilisation an
 * instance counts as idle, and after how many failed checks in a row the "unhealthy" alert is raised.
 *
 * @param idleGpuPercent under this mean GPU utilisation (percent) an instance counts as idle
 * @param unhealthyAlertAfter failed checks in a row that raise the "unhealthy" alert (config keeps it at least 1)
 */
public record RecordingRules(double idleGpuPercent, int unhealthyAlertAfter) {
  /** Idle under {@value HealthSweep#DEFAULT_IDLE_GPU_PERCENT} %, alerted after 3 failed checks in a row. */
  public static final RecordingRules DEFAULTS = new RecordingRules(HealthSweep.DEFAULT_IDLE_GPU_PERCENT, 3);
}
