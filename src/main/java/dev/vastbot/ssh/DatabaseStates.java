package dev.vastbot.ssh;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each database's local copy was taken from: the host's main file and {@code -wal} (size and
 * modification time) and the local copy's own size and time, kept in {@code
 * localDir/.vastbot-sync-state.json}. A snapshot differs from the host's file, so this is how a
 * re-sync knows that a database has not changed since. Not thread-safe (one per pull).
 */
final class DatabaseStates {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, List<Long>>> TYPE = new TypeReference<>() {};

  private final Path file;
  private final Map<String, List<Long>> states;
  private boolean changed;

  private DatabaseStates(Path file, Map<String, List<Long>> states) {
    this.file = file;
    this.states = states;
  }

  static DatabaseStates load(Path localDir) {
    Path file = localDir.resolve(MirrorPaths.STATE_FILE);
    try {
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return new DatabaseStates(file, new HashMap<>(JSON.readValue(file.toFile(), TYPE)));
      }
    } catch (IOException | RuntimeException e) {
      // unreadable: every database is copied again
    }
    return new DatabaseStates(file, new HashMap<>());
  }

  boolean unchanged(RemoteFile db) throws IOException {
    List<Long> state = states.get(db.remotePath());
    if (state == null || state.size() != 6 || !state.subList(0, 4).equals(source(db))) {
      return false;
    }
    Path local = db.localPath();
    return Files.isRegularFile(local, LinkOption.NOFOLLOW_LINKS)
        && Files.size(local) == state.get(4)
        && LocalFiles.nanos(local) == state.get(5);
  }

  void record(RemoteFile db) throws IOException {
    var state = new java.util.ArrayList<>(source(db));
    state.add(Files.size(db.localPath()));
    state.add(LocalFiles.nanos(db.localPath()));
    states.put(db.remotePath(), state);
    changed = true;
  }

  void save() throws IOException {
    if (changed) {
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(temp.toFile(), states);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static List<Long> source(RemoteFile db) {
    return List.of(db.size(), db.mtimeNanos(), db.walSize(), db.walSize() < 0 ? 0 : db.walMtimeNanos());
  }
}
