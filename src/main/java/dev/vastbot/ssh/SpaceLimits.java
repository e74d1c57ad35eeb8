package dev.vastbot.ssh;

/**
 * How much one pull may copy, and how much of the local disk all pulls together must leave free
 * ({@code sync.max_bytes_per_instance}, {@code sync.keep_free_percent}). Immutable.
 *
 * @param maxBytesPerInstance the most bytes one pull (one instance) may copy
 * @param keepFreePercent the share of the local disk's size that must stay free once every running
 *     pull has written all it reserved
 */
public record SpaceLimits(long maxBytesPerInstance, int keepFreePercent) {
  public static final long DEFAULT_MAX_BYTES_PER_INSTANCE = 500_000_000_000L;
  public static final int DEFAULT_KEEP_FREE_PERCENT = 10;

  public SpaceLimits {
    if (maxBytesPerInstance < 1) {
      throw new IllegalArgumentException("max bytes per instance must be at least 1, got "
          + maxBytesPerInstance);
    }
    if (keepFreePercent < 0 || keepFreePercent > 99) {
      throw new IllegalArgumentException("keep free percent must be 0 to 99, got "
          + keepFreePercent);
    }
  }

  /** 500 GB per instance, 10 % of the disk kept free. */
  public static SpaceLimits defaults() {
    return new SpaceLimits(DEFAULT_MAX_BYTES_PER_INSTANCE, DEFAULT_KEEP_FREE_PERCENT);
  }

  /** Bytes that must stay free on a disk of {@code totalBytes}: the share, and at least {@code margin}. */
  long floorBytes(long totalBytes, long margin) {
    return Math.max(margin, totalBytes / 100 * keepFreePercent);
  }
}
