package dev.vastbot.fleet.health;

import java.util.List;

/**
 * Everything one health probe collected. A field is null when its tool gave no usable answer.
 *
 * @param gpuError what nvidia-smi said when it failed, or null
 * @param workers self-play worker processes running
 * @param diskPercent use of the disk holding the work folder
 * @param gamesLastHour games recorded in the last hour
 */
public record ProbeReport(List<GpuReading> gpus, String gpuError, Integer workers,
    OrchestratorHealth orchestrator, Integer diskPercent, Integer gamesLastHour, String tailscaleIp) {

  public ProbeReport {
    gpus = List.copyOf(gpus);
  }

  /** The mean utilisation over GPUs that report it, or null. */
  public Double meanGpuUtilization() {
    return gpus.stream().map(GpuReading::utilizationPercent).filter(v -> v != null)
        .mapToDouble(Double::doubleValue).average().stream().boxed().findFirst().orElse(null);
  }

  /** The highest memory use over GPUs, or null. */
  public Double maxGpuMemoryPercent() {
    return gpus.stream().map(GpuReading::memoryPercent).filter(v -> v != null)
        .mapToDouble(Double::doubleValue).max().stream().boxed().findFirst().orElse(null);
  }

  public Double maxGpuTemperature() {
    return gpus.stream().map(GpuReading::temperatureC).filter(v -> v != null)
        .mapToDouble(Double::doubleValue).max().stream().boxed().findFirst().orElse(null);
  }
}
