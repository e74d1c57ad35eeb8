package dev.vastbot.fleet.cost;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * What Vast charged for one instance over a {@link VastCharges} period, in USD.
 *
 * @param amount the whole charge (GPU, disk and bandwidth)
 * @param gpu the GPU part, when Vast itemized it
 * @param disk the storage part, when Vast itemized it
 */
public record ChargeLine(long instanceId, double amount, OptionalDouble gpu, OptionalDouble disk) {
  public ChargeLine {
    requireNonNull(gpu, "gpu == null");
    requireNonNull(disk, "disk == null");
    if (!Double.isFinite(amount)) {
      throw new IllegalArgumentException("amount is not a number: " + amount);
    }
  }

  /** A line with no GPU/disk split. */
  public static ChargeLine of(long instanceId, double amount) {
    return new ChargeLine(instanceId, amount, OptionalDouble.empty(), OptionalDouble.empty());
  }
}
