package dev.vastbot.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The size and free space of the file store that holds a folder. */
@FunctionalInterface
interface FreeSpace {
  /** The real file store, asked of the nearest folder that exists. */
  FreeSpace FILE_STORE = dir -> {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new IOException("no existing folder above " + dir);
    }
    var store = Files.getFileStore(existing);
    return new Space(store.getTotalSpace(), store.getUsableSpace());
  };

  /**
   * The store under {@code dir} now.
   *
   * @throws IOException when the store cannot be asked
   */
  Space of(Path dir) throws IOException;

  /**
   * @param totalBytes the store's size
   * @param usableBytes what this process may still write to it
   */
  record Space(long totalBytes, long usableBytes) {
    public Space {
      if (totalBytes < 0 || usableBytes < 0) {
        throw new IllegalArgumentException("negative space: total " + totalBytes + ", usable "
            + usableBytes);
      }
    }
  }
}
