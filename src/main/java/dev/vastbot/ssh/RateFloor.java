package dev.vastbot.ssh;

import dev.vastbot.fleet.sync.SyncReport.Failure;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The least transfer rate of one stream: once the stream has received files for {@code window},
 * the bytes of its last {@code window} must come to at least {@code minBytesPerSecond} times it,
 * else the stream is ended ({@link #breachAt()} tells its reader when to give up). A host that
 * trickles one byte every 20 s beats a 30 s stall timer; it does not beat this.
 *
 * <p>The clock runs while a file is received (from its header's type byte to its end, {@link
 * #resume}/{@link #pause}) and while the header of a file the host sends at once (a plain new
 * copy) or the stream's end is awaited: the host's only legitimate silences come before the header
 * of a file it must prepare (snapshotting a database, hashing a part to resume or a file to
 * verify), each bounded by the stall timer alone, so they never count against the rate; the
 * pull's deadline bounds their sum. Local work between files (an integrity check) is not counted.
 *
 * <p>Times are {@link System#nanoTime()} values, passed in. Not thread-safe: the stream's reader.
 */
final class RateFloor {
  /** Samples kept per window at most (older ones are merged), so memory stays small. */
  private static final int STEPS = 32;

  private final long minBytesPerSecond;
  private final long windowNanos;
  private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {active nanos, total bytes}
  private long total; // bytes received while the clock ran
  private boolean running;
  private long offset;
  private long frozen;

  /** {@code minBytesPerSecond} 0 switches the floor off. */
  RateFloor(long minBytesPerSecond, Duration window) {
    if (minBytesPerSecond < 0 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a rate floor needs a rate >= 0 and a positive window");
    }
    this.minBytesPerSecond = minBytesPerSecond;
    this.windowNanos = window.toNanos();
  }

  /** A file's data begins: the clock runs again. */
  void resume(long now) {
    if (!running) {
      offset = now - frozen;
      running = true;
      record(frozen);
    }
  }

  /** A file's data ended: the clock stops until the next one's. */
  void pause(long now) {
    if (running) {
      frozen = now - offset;
      running = false;
    }
  }

  /** Bytes read; counted only while the clock runs (a header's bytes count, as data's do). */
  void received(long now, long bytes) {
    if (running) {
      total += bytes;
      record(now - offset);
    }
  }

  /** Adds (active, total), merged into the newest sample when the one before is recent. */
  private void record(long active) {
    long[] before = samples.size() >= 2 ? secondLast() : null;
    if (before != null && active - before[0] < windowNanos / STEPS) {
      long[] last = samples.peekLast();
      last[0] = active;
      last[1] = total;
    } else {
      samples.add(new long[] {active, total});
    }
    while (samples.size() >= 2 && secondOf(samples) <= active - windowNanos) {
      samples.removeFirst();
    }
  }

  /**
   * When (a {@link System#nanoTime()} value) the floor is breached if nothing more arrives;
   * {@link Long#MAX_VALUE} while the clock is stopped or the floor is off.
   */
  long breachAt() {
    if (!running || minBytesPerSecond == 0) {
      return Long.MAX_VALUE;
    }
    long need = needed();
    for (long[] sample : samples) {
      if (sample[1] > total - need) {
        return sample[0] + windowNanos + offset;
      }
    }
    return samples.peekLast()[0] + windowNanos + offset; // the newest sample holds every byte
  }

  /** Why the stream ends, at {@code now} (at or after {@link #breachAt()}). */
  SyncFailure breach(long now) {
    long active = now - offset;
    long base = samples.peekFirst()[1];
    for (long[] sample : samples) {
      if (sample[0] <= active - windowNanos) {
        base = sample[1];
      }
    }
    return new SyncFailure(Failure.TIMEOUT, "the host sent " + (total - base) + " bytes in the last "
        + Duration.ofNanos(windowNanos).toSeconds() + " s, below the minimum of "
        + rate(minBytesPerSecond));
  }

  private long needed() {
    double bytes = minBytesPerSecond * (windowNanos / 1e9);
    return Math.max(1, (long) Math.ceil(bytes));
  }

  private long[] secondLast() {
    var it = samples.descendingIterator();
    it.next();
    return it.next();
  }

  private static long secondOf(ArrayDeque<long[]> samples) {
    var it = samples.iterator();
    it.next();
    return it.next()[0];
  }

  static String rate(long bytesPerSecond) {
    return bytesPerSecond % 1024 == 0 ? (bytesPerSecond / 1024) + " KiB/s"
        : bytesPerSecond + " bytes/s";
  }
}
