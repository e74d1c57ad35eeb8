package dev.vastbot.fleet.port;

import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
/**
 * Runs shell commands on instances over SSH. Thread-safe. Host failures never throw: each becomes
 * a {@link ShellOutcome} with a {@link ShellOutcome.Failure}. Host keys are pinned per instance id
 * on first use; a changed key is refused ({@code HOST_KEY_CHANGED}).
 */
public interface RemoteShell extends AutoCloseable {

  /** Runs {@code command} (through the remote user's shell) with an overall deadline. */
  ShellOutcome run(SshTarget target, String command, Duration deadline);

  /**
   * Runs the same command on every target in parallel (bounded by the configured fan-out), each
   * host's failure isolated; returns when every host answered or hit its deadline.
   *
   * @return one outcome per target, keyed by instance id, in the order of {@code targets}
   */
  Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command, Duration deadline);

  /**
   * {@link #runOnAll(List, String, Duration)}, telling {@code done} each target's instance id once,
   * as soon as that host's outcome is in (from the fan-out's threads, in any order), so a caller can
   * show how far it has come. A {@code done} that throws costs no host its outcome. This default
   * tells them all at the end; implementations that fan out tell them as they come.
   */
  default Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command, Duration deadline,
      LongConsumer done) {
    Map<Long, ShellOutcome> outcomes = runOnAll(targets, command, deadline);
    outcomes.keySet().forEach(id -> {
      try {
        done.accept(id);
      } catch (RuntimeException ignored) {
        // progress only
      }
    });
    return outcomes;
  }

  @Override
  void close();
}
