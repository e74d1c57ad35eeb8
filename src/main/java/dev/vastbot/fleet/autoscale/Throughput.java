package dev.vastbot.fleet.autoscale;

import java.util.Map;

/**
 * Games per hour one GPU of a type is expected to produce. Learned values from the health probe's
 * games-per-hour are merged in by the observer; configured ones win.
 *
 * @param gamesPerHourByGpu per GPU model as Vast names it ("RTX 4090")
 * @param defaultGamesPerHour for a GPU model not in the table
 */
public record Throughput(Map<String, Double> gamesPerHourByGpu, double defaultGamesPerHour) {

  public Throughput {
    gamesPerHourByGpu = Map.copyOf(gamesPerHourByGpu);
    if (!(defaultGamesPerHour > 0)) {
      throw new IllegalArgumentException("defaultGamesPerHour <= 0: " + defaultGamesPerHour);
    }
  }

  /** Expected games per hour of a machine with {@code numGpus} GPUs of {@code gpuName}. */
  public double gamesPerHour(String gpuName, int numGpus) {
    return gamesPerHourByGpu.getOrDefault(gpuName, defaultGamesPerHour) * Math.max(1, numGpus);
  }
}
