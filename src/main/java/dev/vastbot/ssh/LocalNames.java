package dev.vastbot.ssh;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names the mirror stores encoded ({@link MirrorPaths}), kept in {@code
 * localDir/.vastbot-names.json}: each local path (relative to {@code localDir}) to the host's
 * path it holds. Entries of earlier pulls stay (their files stay too). Written atomically (a
 * temporary file renamed over it). Not thread-safe (one pull of a folder at a time).
 */
final class LocalNames {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> TYPE = new TypeReference<>() {};

  private LocalNames() {}

  /**
   * Adds {@code names} to the file in {@code localDir}, writing it only when something is new.
   *
   * @throws IOException when it cannot be written (the copies would then have no known names)
   */
  static void record(Path localDir, Map<String, String> names) throws IOException {
    if (names.isEmpty()) {
      return;
    }
    Path file = localDir.resolve(MirrorPaths.NAMES_FILE);
    Map<String, String> kept = read(file);
    if (kept.entrySet().containsAll(names.entrySet())) {
      return;
    }
    kept.putAll(names);
    Files.createDirectories(localDir, LocalModes.folderAttribute());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    Files.createFile(temp, LocalModes.fileAttribute());
    JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), kept);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The mapping in {@code file}; empty when there is none or it is unreadable. */
  static Map<String, String> read(Path file) {
    try {
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return new TreeMap<>(JSON.readValue(file.toFile(), TYPE));
      }
    } catch (IOException | RuntimeException e) {
      // unreadable: written again whole from this pull's names
    }
    return new TreeMap<>();
  }
}
