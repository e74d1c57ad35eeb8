package dev.vastbot.fleet.sync;

import java.time.Duration;
import java.util.List;

/**
 * What one pull did.
 *
 * @param filesCopied files written (new or changed)
 * @param filesUnchanged files whose size and mtime matched the local copy (skipped, or re-hashed
 *     and matched under {@code rehashAll})
 * @param bytesCopied bytes received over the wire for the files copied
 * @param databases SQLite databases copied from a snapshot and checked
 * @param missingPaths requested paths that do not exist on the instance
 * @param failure why the pull did not complete, or null when it did
 * @param problems per-file problems (a checksum that still differed after one retry, a file that
 *     vanished), empty when none
 */
public record SyncReport(int filesCopied, int filesUnchanged, long bytesCopied, int databases,
    List<String> missingPaths, Failure failure, String failureDetail, List<String> problems, Duration took) {

  public SyncReport {
    missingPaths = List.copyOf(missingPaths);
    problems = List.copyOf(problems);
  }

  /** Why a pull stopped. */
  public enum Failure {
    /** SSH could not connect or log in, or the session died. */
    UNREACHABLE,
    /** The local disk has too little free space for what would be copied. */
    LOCAL_DISK_FULL,
    /** What would be copied is more than one instance may copy (or than can be counted). */
    OVER_QUOTA,
    /** The whole pull did not finish by its deadline. */
    TIMEOUT,
    /** The instance lacks what the pull needs (python3, tar) or answered nonsense. */
    REMOTE_ERROR,
    /** Writing locally failed. */
    LOCAL_ERROR
  }

  /** The same report with {@code missing} as its missing paths (named as the caller configured them). */
  public SyncReport withMissingPaths(List<String> missing) {
    return new SyncReport(filesCopied, filesUnchanged, bytesCopied, databases, missing, failure, failureDetail,
        problems, took);
  }

  /**
   * Every file listed is home and verified, and no file had a persistent problem: the transfer's
   * verdict. Whether the data counts as home (every required root found, not an empty copy where
   * the last sync had files) is {@link CopyVerdict#judge}'s, which starts from this.
   */
  public boolean verified() {
    return failure == null && problems.isEmpty();
  }
}
