package dev.vastbot.vast;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of {@code
 * first × 2^(n-1)}, capped. Half the delay is kept so that a storm of 429s still spreads out.
 */
final class BackoffSchedule {
  private final Duration first;
  private final Duration max;
  private final RandomGenerator random;

  BackoffSchedule(Duration first, Duration max, RandomGenerator random) {
    this.first = first;
    this.max = max;
    this.random = random;
  }

  /** The wait before retry number {@code retry} (1-based). */
  Duration delayBefore(int retry) {
    long base = first.toMillis() << Math.min(retry - 1, 20);
    long capped = Math.min(base, max.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
  }
}
