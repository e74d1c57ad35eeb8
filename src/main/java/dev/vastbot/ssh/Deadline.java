package dev.vastbot.ssh;

import java.time.Duration;

/**
 * When an SSH operation must have ended, on the monotonic clock: MINA waits in real time, so
 * deadlines are real elapsed time, not the injected {@link java.time.Clock}.
 */
record Deadline(long startNanos, long endNanos) {
  private static final Duration LONGEST = Duration.ofDays(365);

  static Deadline after(Duration budget) {
    long now = System.nanoTime();
    Duration bounded = budget.compareTo(LONGEST) > 0 ? LONGEST : budget;
    return new Deadline(now, now + bounded.toNanos());
  }

  /** The same deadline, with elapsed time counted from now. */
  Deadline startingNow() {
    return new Deadline(System.nanoTime(), endNanos);
  }

  boolean expired() {
    return endNanos - System.nanoTime() <= 0;
  }

  Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /**
   * The shorter of {@code limit} and the time left, in milliseconds and at least 1 (a MINA wait of
   * 0 could mean "forever").
   */
  long capMillis(Duration limit) {
    Duration left = remaining();
    Duration wait = left.compareTo(limit) < 0 ? left : limit;
    return Math.max(1, wait.toMillis());
  }
}
