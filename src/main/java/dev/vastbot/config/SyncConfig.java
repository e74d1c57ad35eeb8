package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
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
 * @param maxBytesPerInstance the most bytes one pull of one instance may copy
 * @param keepFreePercent the share of the local disk that every pull running at once must leave
 *     free
 * @param minBytesPerSecond the least rate a sync stream must keep while a file's data arrives (0:
 *     no floor); a stream below it over the last {@code minRateGrace} ends the pull (TIMEOUT)
 * @param minRateGrace how long a stream receives data before the floor applies, and the window
 *     its rate is averaged over
 */
public record SyncConfig(List<String> paths, Path localDir, List<String> optionalPaths,
    int parallelTerminations, long maxBytesPerInstance, int keepFreePercent,
    long minBytesPerSecond, Duration minRateGrace) {
  static final int DEFAULT_MIN_BYTES_PER_SECOND = 64 * 1024;
  static final int DEFAULT_MIN_RATE_GRACE_SECONDS = 60;

  /** The RingRift game databases, models and Elo database. */
  static final List<String> DEFAULT_PATHS =
      List.of(
          "/root/ringrift/ai-service/data/games",
          "/root/ringrift/ai-service/models",
          "/root/ringrift/ai-service/data/unified_elo.db");
  /** 500 GB. */
  static final long DEFAULT_MAX_BYTES_PER_INSTANCE = 500_000_000_000L;
  static final int DEFAULT_KEEP_FREE_PERCENT = 10;

  /** Terminations side by side unless configured: as many as {@code data-sync} pulls at once. */
  public static final int DEFAULT_PARALLEL_TERMINATIONS = 4;

  static final int MAX_PARALLEL_TERMINATIONS = 32;

  public SyncConfig {
    paths = paths.stream().map(SyncConfig::withoutTrailingSlash).toList();
    requireNonNull(localDir, "localDir == null");
    optionalPaths = optionalPaths.stream().map(SyncConfig::withoutTrailingSlash).toList();
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
    if (maxBytesPerInstance < 1) {
      throw new IllegalArgumentException("maxBytesPerInstance < 1: " + maxBytesPerInstance);
    }
    if (keepFreePercent < 0 || keepFreePercent > 99) {
      throw new IllegalArgumentException("keepFreePercent not in 0..99: " + keepFreePercent);
    }
    if (minBytesPerSecond < 0) {
      throw new IllegalArgumentException("minBytesPerSecond < 0: " + minBytesPerSecond);
    }
    requireNonNull(minRateGrace, "minRateGrace == null");
  }

  /**
   * {@code paths} into {@code localDir}: every path required, terminations {@value
   * #DEFAULT_PARALLEL_TERMINATIONS} side by side, the default quota, floor and minimum rate.
   */
  public SyncConfig(List<String> paths, Path localDir) {
    this(paths, localDir, List.of(), DEFAULT_PARALLEL_TERMINATIONS, DEFAULT_MAX_BYTES_PER_INSTANCE,
        DEFAULT_KEEP_FREE_PERCENT, DEFAULT_MIN_BYTES_PER_SECOND,
        Duration.ofSeconds(DEFAULT_MIN_RATE_GRACE_SECONDS));
  }

  /** The same, with {@code optional} of the paths allowed to be missing on a host. */
  public SyncConfig withOptionalPaths(List<String> optional) {
    return new SyncConfig(paths, localDir, optional, parallelTerminations, maxBytesPerInstance,
        keepFreePercent, minBytesPerSecond, minRateGrace);
  }

  /** The same, with {@code terminations} carried on side by side. */
  public SyncConfig withParallelTerminations(int terminations) {
    return new SyncConfig(paths, localDir, optionalPaths, terminations, maxBytesPerInstance,
        keepFreePercent, minBytesPerSecond, minRateGrace);
  }

  /**
   * The same paths with root's home ({@code /root/...}) written as the login's home ({@code
   * ~/...}): on a simulated host root's home is the host's own folder, not {@code /root}.
   */
  public SyncConfig underLoginHome() {
    UnaryOperator<String> home = p -> p.startsWith("/root/") ? "~/" + p.substring(6) : p;
    return new SyncConfig(paths.stream().map(home).toList(), localDir,
        optionalPaths.stream().map(home).toList(), parallelTerminations, maxBytesPerInstance,
        keepFreePercent, minBytesPerSecond, minRateGrace);
  }

  /** The same paths, copied into {@code dir}. */
  public SyncConfig into(Path dir) {
    return new SyncConfig(paths, dir, optionalPaths, parallelTerminations, maxBytesPerInstance,
        keepFreePercent, minBytesPerSecond, minRateGrace);
  }

  /**
   * A remote path as the sync compares it: absolute (or {@code ~/}, the login's home), normal (no
   * empty, {@code .} or {@code ..} part), one trailing {@code /} dropped; so {@code ~/models/}
   * and {@code ~/models} are one path, and a path the host reports missing matches its setting.
   */
  private static Setting<String> remotePath(Setting<String> path) {
    path.require(p -> p.startsWith("/") || p.startsWith("~/"),
        "must be an absolute path (or start with ~/, the login's home on the instance)");
    Setting<String> trimmed = path.map(SyncConfig::withoutTrailingSlash);
    return trimmed.require(SyncConfig::isNormal,
        "must be a normal path below / or ~/ (no empty, . or .. part)");
  }

  private static String withoutTrailingSlash(String path) {
    return path.length() > 2 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static boolean isNormal(String path) {
    String rest = path.startsWith("~/") ? path.substring(2) : path.substring(1);
    if (rest.isEmpty()) {
      return false;
    }
    for (String part : rest.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  static SyncConfig read(ConfigSection sync) {
    var paths =
        sync.textList("paths", DEFAULT_PATHS).stream()
            .map(SyncConfig::remotePath)
            .map(Setting::value)
            .toList();
    var optionalSettings = sync.textList("optional_paths", List.of()).stream()
        .map(SyncConfig::remotePath).toList();
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
    var maxBytes = sync.wholeNumber("max_bytes_per_instance", DEFAULT_MAX_BYTES_PER_INSTANCE)
        .require(bytes -> bytes >= 1, "must be at least 1");
    var keepFree = sync.integer("keep_free_percent", DEFAULT_KEEP_FREE_PERCENT)
        .require(percent -> percent >= 0 && percent <= 99, "must be between 0 and 99");
    var minRate = sync.integer("min_bytes_per_second", DEFAULT_MIN_BYTES_PER_SECOND)
        .require(rate -> rate >= 0, "must be 0 (no minimum) or more");
    var grace = sync.integer("min_rate_grace_seconds", DEFAULT_MIN_RATE_GRACE_SECONDS)
        .require(seconds -> seconds >= 1, "must be at least 1");
    sync.rejectUnknownKeys();
    return new SyncConfig(paths, Path.of(localDir.value()), optional, parallel.value(),
        maxBytes.value(), keepFree.value(), minRate.value(), Duration.ofSeconds(grace.value()));
  }
}
