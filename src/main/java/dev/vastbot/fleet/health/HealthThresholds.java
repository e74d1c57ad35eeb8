package dev.vastbot.fleet.health;

/**
 * Where health levels change (from config {@code health}).
 *
 * @param gpuUtilTargetPercent below this mean GPU utilisation an instance is degraded
 * @param memoryWarningPercent above this GPU memory use it is degraded
 * @param diskWarningPercent at or above this disk use it is degraded (98 % and up: unhealthy)
 */
public record HealthThresholds(int gpuUtilTargetPercent, int memoryWarningPercent, int diskWarningPercent) {
  /** Disk use at which nothing more can be written: unhealthy whatever the warning level. */
  static final int DISK_FULL_PERCENT = 98;
  /** GPU temperature above which an instance is degraded. */
  static final int HOT_GPU_CELSIUS = 85;
}
