package dev.vastbot.ssh;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.fleet.sync.SyncReport.Failure;
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
 * path it holds. An earlier pull's entry stays while its local file (or folder, or the part of a
 * file) is there; the file is capped at {@link #MAX_MAPPINGS} entries and {@link #MAX_BYTES}, so a
 * host that renames its long names on every pull cannot grow it without bound. Written atomically
 * (a temporary file renamed over it). Not thread-safe (one pull of a folder at a time).
 */
final class LocalNames {
  static final int MAX_MAPPINGS = 100_000;
  /** As much as a whole listing may hold: one pull's own names always fit. */
  static final int MAX_BYTES = 8 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> TYPE = new TypeReference<>() {};

  private LocalNames() {}

  /**
   * Keeps the earlier entries whose local path is still there, adds {@code names} (this pull's,
   * about to be written), and writes the file when that changed anything. Called before copying.
   *
   * @throws SyncFailure {@link Failure#REMOTE_ERROR} when the entries would pass the cap (nothing
   *     is written then), {@link Failure#LOCAL_ERROR} when the file cannot be written (the copies
   *     would then have no known names)
   */
  static void record(Path localDir, Map<String, String> names) throws SyncFailure {
    Path file = localDir.resolve(MirrorPaths.NAMES_FILE);
    if (names.isEmpty() && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Map<String, String> earlier = read(file);
    Map<String, String> kept = new TreeMap<>();
    earlier.forEach((local, remote) -> {
      if (isPresent(localDir, local)) {
        kept.put(local, remote);
      }
    });
    kept.putAll(names);
    if (kept.equals(earlier)) {
      return;
    }
    try {
      write(file, checked(kept));
    } catch (IOException e) {
      throw new SyncFailure(Failure.LOCAL_ERROR, "cannot write " + MirrorPaths.NAMES_FILE + " in "
          + localDir + ": " + e.getMessage());
    }
  }

  /** The entries as the file's bytes, within the caps. */
  private static byte[] checked(Map<String, String> kept) throws SyncFailure {
    if (kept.size() > MAX_MAPPINGS) {
      throw tooMany(kept.size() + " encoded names, more than the " + MAX_MAPPINGS + " kept");
    }
    byte[] text;
    try {
      text = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(kept);
    } catch (IOException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
    if (text.length > MAX_BYTES) {
      throw tooMany("encoded names of " + text.length + " bytes, more than the "
          + (MAX_BYTES >> 20) + " MiB kept");
    }
    return text;
  }

  private static SyncFailure tooMany(String what) {
    return new SyncFailure(Failure.REMOTE_ERROR, "the host's file names need " + what + " in "
        + MirrorPaths.NAMES_FILE + " (with those of earlier copies still on disk); nothing copied");
  }

  private static boolean isPresent(Path localDir, String local) {
    Path path = localDir.resolve(local);
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS)
        || Files.exists(MirrorPaths.partOf(path), LinkOption.NOFOLLOW_LINKS);
  }

  private static void write(Path file, byte[] text) throws IOException {
    Files.createDirectories(file.getParent(), LocalModes.folderAttribute());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    Files.createFile(temp, LocalModes.fileAttribute());
    Files.write(temp, text);
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
