package dev.vastbot.app.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@code sync} section of {@code vastbot.yaml}: what is copied home before an instance goes.
 *
 * @param paths absolute remote paths (files or folders) copied before termination
 * @param localDir local folder the copies go to, relative to the working directory unless absolute
 * @param optionalPaths the paths of {@code paths} that may be missing on a host (a self-play-only
 *     node may have no checkpoints yet); any other path missing there stops a termination. Never
 *     all of {@code paths}.
 * @param parallelTerminations how many terminations run side by side (each quiescing, copying or
 *     destroying its own instance); the rest wait for a free place, in the order they were asked
 */
public record SyncConfig(List<String> paths, Path localDir, List<String> optionalPaths, int parallelTerminations) {
  /** The RingRift game databases, models and Elo database. */
  static final List<String> DEFAULT_PATHS =
      List.of(
          "/root/ringrift/ai-service/data/games",
          "/root/ringrift/ai-service/models",
          "/root/ringrift/ai-service/data/unified_elo.db");

  /** Terminations side by side unless configured: as many as {@code data-sync} pulls at once. */
  public static final int DEFAULT_PARALLEL_TERMINATIONS = 4;

  static final int MAX_PARALLEL_TERMINATIONS = 32;

  public SyncConfig {
    paths = List.copyOf(paths);
    requireNonNull(localDir, "localDir == null");
    optionalPaths = List.copyOf(optionalPaths);
    if (!paths.containsAll(optionalPaths)) {
      throw new IllegalArgumentException("optionalPaths not all in paths: " + optionalPaths);
    }
    if (!paths.isEmpty() && optionalPaths.containsAll(paths)) {
      throw new IllegalArgumentException("every path is optional: " + optionalPaths);
    }
    if (parallelTerminations < 1 || parallelTerminations > MAX_PARALLEL_TERMINATIONS) {
      throw new IllegalArgumentException("parallelTerminations out of 1.." + MAX_PARALLEL_TERMINATIONS
          + ": " + parallelTerminations);
    }
  }

  /** Every path required, terminations {@value #DEFAULT_PARALLEL_TERMINATIONS} side by side. */
  public SyncConfig(List<String> paths, Path localDir) {
    this(paths, localDir, List.of(), DEFAULT_PARALLEL_TERMINATIONS);
  }

  /**
   * The same paths with root's home ({@code /root/...}) written as the login's home ({@code
   * ~/...}): on a simulated host root's home is the host's own folder, not {@code /root}.
   */
  public SyncConfig underLoginHome() {
    UnaryOperator<String> home = p -> p.startsWith("/root/") ? "~/" + p.substring(6) : p;
    return new SyncConfig(paths.stream().map(home).toList(), localDir,
        optionalPaths.stream().map(home).toList(), parallelTerminations);
  }

  /** The same paths, copied into {@code dir}. */
  public SyncConfig into(Path dir) {
    return new SyncConfig(paths, dir, optionalPaths, parallelTerminations);
  }

  static SyncConfig read(ConfigSection sync) {
    var paths =
        sync.textList("paths", DEFAULT_PATHS).stream()
            .map(path -> path.require(p -> p.startsWith("/") || p.startsWith("~/"),
                "must be an absolute path (or start with ~/, the login's home on the instance)"))
            .map(Setting::value)
            .toList();
    var optionalSettings = sync.textList("optional_paths", List.of());
    var optional = optionalSettings.stream()
        .map(path -> path.require(paths::contains, "must be one of sync.paths " + paths))
        .map(Setting::value)
        .toList();
    if (!paths.isEmpty() && !optional.isEmpty() && optional.containsAll(paths)) {
      throw optionalSettings.get(0).problem(
          "names every one of sync.paths as optional; at least one must be required, or a host with"
              + " nothing at any path would count as copied");
    }
    var localDir =
        sync.text("local_dir", "var/sync").require(dir -> !dir.isBlank(), "must not be empty");
    var parallel = sync.integer("parallel_terminations", DEFAULT_PARALLEL_TERMINATIONS)
        .require(n -> n >= 1 && n <= MAX_PARALLEL_TERMINATIONS, "must be 1.." + MAX_PARALLEL_TERMINATIONS);
    sync.rejectUnknownKeys();
    return new SyncConfig(paths, Path.of(localDir.value()), optional, parallel.value());
  }
}
