package dev.vastbot.ssh;

import dev.vastbot.fleet.port.SyncProgress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts files and bytes of one pull (from any stream's thread) and tells the {@link SyncProgress}
 * at most every {@code interval}, from the pulling thread only: {@link #maybeReport} is called
 * there. The rate is smoothed over the recent updates. Real (monotonic) time, as the transfer.
 */
final class ProgressMeter {
  private static final double SMOOTHING = 0.3;

  private final SyncProgress progress;
  private final long intervalNanos;
  private final AtomicInteger filesDone = new AtomicInteger();
  private final AtomicLong bytesDone = new AtomicLong();
  private volatile int filesTotal;
  private volatile long bytesTotal;
  private long lastReportNanos = System.nanoTime();
  private long lastReportBytes;
  private double rate;
  private volatile long everyBytes;
  private volatile Runnable everyAction;

  ProgressMeter(SyncProgress progress, Duration interval) {
    this.progress = progress;
    this.intervalNanos = interval.toNanos();
  }

  void totals(int files, long bytes) {
    filesTotal = files;
    bytesTotal = bytes;
  }

  void moreBytesExpected(long bytes) {
    bytesTotal += bytes;
  }

  void fileDone() {
    filesDone.incrementAndGet();
  }

  void filesDone(int files) {
    filesDone.addAndGet(files);
  }

  void received(long bytes) {
    long after = bytesDone.addAndGet(bytes);
    long step = everyBytes;
    if (step > 0 && after / step != (after - bytes) / step) {
      everyAction.run();
    }
  }

  /**
   * Runs {@code action} each time another {@code step} bytes are in (once per call of {@link
   * #received}, on the receiving thread: it must not block).
   */
  void every(long step, Runnable action) {
    everyAction = action;
    everyBytes = step;
  }

  long bytesReceived() {
    return bytesDone.get();
  }

  /** Tells the callback when the interval has passed, or always with {@code force}. */
  void maybeReport(boolean force) {
    long now = System.nanoTime();
    long elapsed = now - lastReportNanos;
    if (!force && elapsed < intervalNanos) {
      return;
    }
    long bytes = bytesDone.get();
    if (elapsed > 0) {
      double recent = (bytes - lastReportBytes) * 1e9 / elapsed;
      rate = rate == 0 ? recent : SMOOTHING * recent + (1 - SMOOTHING) * rate;
    }
    lastReportNanos = now;
    lastReportBytes = bytes;
    long left = Math.max(0, bytesTotal - bytes);
    Duration timeLeft = left == 0 ? Duration.ZERO
        : rate > 0 ? Duration.ofMillis((long) (left * 1000 / rate)) : null;
    try {
      progress.update(new SyncProgress.Status(filesDone.get(), filesTotal, bytes,
          Math.max(bytes, bytesTotal), rate, timeLeft));
    } catch (RuntimeException ignored) {
      // a broken progress display must not break the copy
    }
  }
}
