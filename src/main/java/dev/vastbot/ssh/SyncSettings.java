package dev.vastbot.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link StreamingDataSync} pulls. Immutable.
 *
 * @param parallelInstances the most pulls (instances) at the same time; more callers wait, within
 *     their deadline
 * @param streamsPerInstance the most data streams (exec channels, each its own remote reader) one
 *     pull runs at the same time
 * @param listingTimeout the most time the remote listing may take
 * @param stallTimeout the most time a stream may stay silent before it is given up
 * @param maxEntries the most files a listing may name; a longer listing is refused
 * @param maxManifestBytes the most bytes a listing may take (it is read as a stream, never
 *     buffered whole)
 * @param spaceMargin bytes that must stay free on the local disk, however small the disk (see
 *     {@link SpaceLimits})
 * @param progressInterval the least time between two progress updates (the last one always comes)
 * @param minBytesPerSecond the least rate a stream must keep while it receives a file's data,
 *     over the last {@code minRateGrace} (0: no floor; see {@link RateFloor})
 * @param minRateGrace how long a stream receives data before the floor applies, and the window
 *     its rate is averaged over; a stream below the floor ends with TIMEOUT
 */
public record SyncSettings(
    int parallelInstances,
    int streamsPerInstance,
    Duration listingTimeout,
    Duration stallTimeout,
    int maxEntries,
    int maxManifestBytes,
    long spaceMargin,
    Duration progressInterval,
    long minBytesPerSecond,
    Duration minRateGrace) {

  public SyncSettings {
    requireAtLeast("parallel instances", parallelInstances, 1);
    requireAtLeast("streams per instance", streamsPerInstance, 1);
    requirePositive("listing timeout", listingTimeout);
    requirePositive("stall timeout", stallTimeout);
    requireAtLeast("max entries", maxEntries, 1);
    requireAtLeast("max manifest bytes", maxManifestBytes, 1024);
    if (spaceMargin < 0) {
      throw new IllegalArgumentException("space margin must not be negative, got " + spaceMargin);
    }
    Objects.requireNonNull(progressInterval, "progressInterval");
    if (progressInterval.isNegative()) {
      throw new IllegalArgumentException("progress interval must not be negative");
    }
    if (minBytesPerSecond < 0) {
      throw new IllegalArgumentException("the minimum transfer rate must not be negative, got "
          + minBytesPerSecond);
    }
    requirePositive("minimum rate grace", minRateGrace);
  }

  /**
   * 4 instances at once, 2 streams each, 60 s for the listing, 30 s of silence at most, 500,000
   * files and 8 MiB of listing at most (about 80,000 files at the usual path lengths), 256 MiB
   * kept free at least, progress every 250 ms, at least 64 KiB/s per stream over any 60 s of file
   * data.
   */
  public static SyncSettings defaults() {
    return new SyncSettings(4, 2, Duration.ofSeconds(60), Duration.ofSeconds(30), 500_000,
        8 << 20, 256L << 20, Duration.ofMillis(250), 64L << 10, Duration.ofSeconds(60));
  }

  public SyncSettings withParallelInstances(int instances) {
    return new SyncSettings(instances, streamsPerInstance, listingTimeout, stallTimeout,
        maxEntries, maxManifestBytes, spaceMargin, progressInterval, minBytesPerSecond, minRateGrace);
  }

  public SyncSettings withStreamsPerInstance(int streams) {
    return new SyncSettings(parallelInstances, streams, listingTimeout, stallTimeout, maxEntries,
        maxManifestBytes, spaceMargin, progressInterval, minBytesPerSecond, minRateGrace);
  }

  public SyncSettings withProgressInterval(Duration interval) {
    return new SyncSettings(parallelInstances, streamsPerInstance, listingTimeout, stallTimeout,
        maxEntries, maxManifestBytes, spaceMargin, interval, minBytesPerSecond, minRateGrace);
  }

  public SyncSettings withStallTimeout(Duration stall) {
    return new SyncSettings(parallelInstances, streamsPerInstance, listingTimeout, stall,
        maxEntries, maxManifestBytes, spaceMargin, progressInterval, minBytesPerSecond, minRateGrace);
  }

  /** The same, with a stream ended below {@code bytesPerSecond} over any {@code grace} of data. */
  public SyncSettings withMinimumRate(long bytesPerSecond, Duration grace) {
    return new SyncSettings(parallelInstances, streamsPerInstance, listingTimeout, stallTimeout,
        maxEntries, maxManifestBytes, spaceMargin, progressInterval, bytesPerSecond, grace);
  }

  private static void requireAtLeast(String what, int value, int least) {
    if (value < least) {
      throw new IllegalArgumentException(what + " must be at least " + least + ", got " + value);
    }
  }

  private static void requirePositive(String what, Duration value) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }
}
