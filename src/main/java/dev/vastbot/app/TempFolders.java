package dev.vastbot.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Throw-away folders (the demo's state, the simulator's hosts, a benchmark's scratch space). */
public final class TempFolders {
  private TempFolders() {}

  /** Deletes {@code folder} and everything under it, as far as it can; a leftover is harmless. */
  public static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temporary folder is harmless
    }
  }
}
