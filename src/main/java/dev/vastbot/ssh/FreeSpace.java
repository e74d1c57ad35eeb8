package dev.vastbot.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many bytes may still be written under a folder. */
@FunctionalInterface
interface FreeSpace {
  /** The file store's usable space, asked of the nearest folder that exists. */
  FreeSpace FILE_STORE = dir -> {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new IOException("no existing folder above " + dir);
    }
    return Files.getFileStore(existing).getUsableSpace();
  };

  long usableBytes(Path dir) throws IOException;
}
