package dev.vastbot.ssh;

import java.nio.file.Path;

/**
 * One regular file the host listed, checked and mapped to its local path. The mode the host lists
 * is not kept: local files get {@link LocalModes} whatever it says.
 *
 * @param walSize the size of a database's {@code -wal} file, -1 when it has none (or is no
 *     database)
 */
record RemoteFile(String remotePath, Path localPath, long size, long mtimeNanos,
    boolean sqlite, long walSize, long walMtimeNanos) {

  /** Bytes the copy may take: a database's snapshot holds its main file and its log. */
  long expectedBytes() {
    return sqlite ? size + Math.max(0, walSize) : size;
  }
}
