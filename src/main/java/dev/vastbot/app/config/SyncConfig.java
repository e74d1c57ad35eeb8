package dev.vastbot.app.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code sync} section of {@code vastbot.yaml}: what is copied home before an instance goes.
 *
 * @param paths absolute remote paths (files or folders) copied before termination
 * @param localDir local folder the copies go to, relative to the working directory unless absolute
 */
public record SyncConfig(List<String> paths, Path localDir) {
  /** The RingRift game databases, models and Elo database. */
  static final List<String> DEFAULT_PATHS =
      List.of(
          "/root/ringrift/ai-service/data/games",
          "/root/ringrift/ai-service/models",
          "/root/ringrift/ai-service/data/unified_elo.db");

  public SyncConfig {
    paths = List.copyOf(paths);
    requireNonNull(localDir, "localDir == null");
  }

  /**
   * The same paths with root's home ({@code /root/...}) written as the login's home ({@code
   * ~/...}): on a simulated host root's home is the host's own folder, not {@code /root}.
   */
  public SyncConfig underLoginHome() {
    return new SyncConfig(paths.stream().map(p -> p.startsWith("/root/") ? "~/" + p.substring(6) : p).toList(),
        localDir);
  }

  /** The same paths, copied into {@code dir}. */
  public SyncConfig into(Path dir) {
    return new SyncConfig(paths, dir);
  }

  static SyncConfig read(ConfigSection sync) {
    var paths =
        sync.textList("paths", DEFAULT_PATHS).stream()
            .map(path -> path.require(p -> p.startsWith("/") || p.startsWith("~/"),
                "must be an absolute path (or start with ~/, the login's home on the instance)"))
            .map(Setting::value)
            .toList();
    var localDir =
        sync.text("local_dir", "var/sync").require(dir -> !dir.isBlank(), "must not be empty");
    sync.rejectUnknownKeys();
    return new SyncConfig(paths, Path.of(localDir.value()));
  }
}
