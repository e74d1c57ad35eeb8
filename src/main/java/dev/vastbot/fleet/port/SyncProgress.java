package dev.vastbot.fleet.port;

import java.time.Duration;

/**
 * Told how a pull is going, at most every few hundred milliseconds and once at the end. Called on
 * the pulling thread; must return quickly and not throw.
 */
@FunctionalInterface
public interface SyncProgress {
  SyncProgress NONE = status -> { };

  void update(Status status);

  /**
   * @param filesDone files copied or found unchanged so far
   * @param filesTotal files to look at (known once the remote listing arrived; 0 before)
   * @param bytesDone bytes received so far
   * @param bytesTotal bytes to receive (0 before the listing)
   * @param bytesPerSecond the recent rate
   * @param timeLeft an estimate, or null when not known yet
   */
  record Status(int filesDone, int filesTotal, long bytesDone, long bytesTotal, double bytesPerSecond,
      Duration timeLeft) {}
}
