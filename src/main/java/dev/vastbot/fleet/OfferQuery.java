package dev.vastbot.fleet;

import java.util.Optional;

/**
 * What to look for in the marketplace. Results are ordered by total price per hour, cheapest first.
 *
 * @param gpuName GPU model with spaces ("RTX 4090"); empty for any
 * @param maxDph highest acceptable price per hour (USD); empty for any
 * @param minReliability lowest acceptable reliability (0..1)
 * @param numGpus GPUs per machine; empty for any
 * @param diskGb the disk size to price offers with
 * @param limit the most offers to return
 */
public record OfferQuery(
    Optional<String> gpuName,
    Optional<Double> maxDph,
    double minReliability,
    Optional<Integer> numGpus,
    RentalType rentalType,
    double diskGb,
    int limit) {

  public OfferQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    if (minReliability < 0 || minReliability > 1) {
      throw new IllegalArgumentException("minReliability must be within 0..1, got " + minReliability);
    }
  }

  public static OfferQuery any(int limit) {
    return new OfferQuery(
        Optional.empty(), Optional.empty(), 0, Optional.empty(), RentalType.ON_DEMAND, 10, limit);
  }

  /** Turns the CLI spelling {@code RTX_4090} into the API's {@code RTX 4090}. */
  public static String normalizeGpuName(String gpuType) {
    return gpuType.strip().replace('_', ' ');
  }
}
