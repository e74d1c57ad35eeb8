package dev.vastbot.fleet;

import java.util.Optional;

/**
 * A request for new instances.
 *
 * @param gpuName the API's spelling ("RTX 4090")
 * @param maxDph a per-instance price ceiling below the configured one, if the caller set one
 */
public record ProvisionOrder(String gpuName, int count, Optional<Double> maxDph) {
  public ProvisionOrder {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
  }

  public String describe() {
    return count + " × " + gpuName;
  }
}
