package dev.vastbot.service.termination;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How terminations run.
 *
 * @param syncPaths what is copied home first ({@code sync.paths})
 * @param localRoot where copies go; an instance's land in {@code localRoot/<instance-id>/}
 * @param syncDeadline the most one instance's sync may take
 * @param bootTimeout how long a stopped instance may take to run again so it can be synced
 * @param pollInterval how often to look while waiting for an instance
 * @param goneTimeout how long to re-read a destroyed instance until Vast no longer lists it
 * @param optionalPaths those of {@code syncPaths} that may be missing on a host ({@code
 *     sync.optional_paths}); any other missing path keeps the instance
 */
public record TerminationSettings(List<String> syncPaths, Path localRoot, Duration syncDeadline,
    Duration bootTimeout, Duration pollInterval, Duration goneTimeout, Set<String> optionalPaths) {

  public TerminationSettings {
    syncPaths = List.copyOf(syncPaths);
    Objects.requireNonNull(localRoot, "localRoot");
    Objects.requireNonNull(syncDeadline, "syncDeadline");
    Objects.requireNonNull(bootTimeout, "bootTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(goneTimeout, "goneTimeout");
    optionalPaths = Set.copyOf(optionalPaths);
    if (!syncPaths.containsAll(optionalPaths)) {
      throw new IllegalArgumentException("optionalPaths not all in syncPaths: " + optionalPaths);
    }
  }

  /** Settings in which every sync path is required. */
  public TerminationSettings(List<String> syncPaths, Path localRoot, Duration syncDeadline, Duration bootTimeout,
      Duration pollInterval, Duration goneTimeout) {
    this(syncPaths, localRoot, syncDeadline, bootTimeout, pollInterval, goneTimeout, Set.of());
  }

  /** Where one instance's copy goes. */
  public Path localDirOf(long instanceId) {
    return localRoot.resolve(Long.toString(instanceId));
  }
}
