package dev.vastbot.fleet.remote;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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

  @Override
  void close();
}
