package dev.vastbot.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/** Local file facts the sync compares with the host's listing. */
final class LocalFiles {
  private LocalFiles() {}

  static long nanos(Path file) throws IOException {
    return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
  }

  /** Attributes of a regular file (not following a link), or null when there is none. */
  static BasicFileAttributes regular(Path file) {
    try {
      var attributes = Files.readAttributes(file, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() ? attributes : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Whether a local time equals the host's, allowing for a local file system that keeps
   * microseconds, milliseconds or seconds only.
   */
  static boolean sameTime(long localNanos, long remoteNanos) {
    return localNanos == remoteNanos
        || localNanos == remoteNanos / 1_000 * 1_000
        || localNanos == remoteNanos / 1_000_000 * 1_000_000
        || localNanos == remoteNanos / 1_000_000_000 * 1_000_000_000;
  }
}
