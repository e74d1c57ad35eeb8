package dev.vastbot.fleet.health;

/**
 * One GPU as {@code nvidia-smi} reports it. A value is null when the tool said {@code [N/A]} or
 * {@code [Not Supported]}.
 */
public record GpuReading(int index, Double utilizationPercent, Double memoryUsedMb, Double memoryTotalMb,
    Double temperatureC) {

  /** Memory in use as a percentage, when both numbers are known. */
  public Double memoryPercent() {
    if (memoryUsedMb == null || memoryTotalMb == null || memoryTotalMb <= 0) {
      return null;
    }
    return 100.0 * memoryUsedMb / memoryTotalMb;
  }
}
