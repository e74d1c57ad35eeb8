package dev.vastbot.app;

import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starts the SSH client on first use, so that commands that need no SSH (offers, p2p-sync --check)
 * work without a key. When the client cannot start (no key file, a passphrase), every command
 * fails with that reason instead.
 */
final class LazyRemoteShell implements RemoteShell {
  private final Supplier<RemoteShell> factory;
  private RemoteShell shell;
  private String startFailure;

  LazyRemoteShell(Supplier<RemoteShell> factory) {
    this.factory = factory;
  }

  private synchronized RemoteShell shell() {
    if (shell == null && startFailure == null) {
      try {
        shell = factory.get();
      } catch (IllegalArgumentException e) {
        startFailure = e.getMessage();
      }
    }
    return shell;
  }

  /**
   * The started shell, starting it if need be.
   *
   * @throws IllegalStateException with the reason when the client cannot start
   */
  synchronized RemoteShell started() {
    RemoteShell started = shell();
    if (started == null) {
      throw new IllegalStateException(startFailure);
    }
    return started;
  }

  @Override
  public ShellOutcome run(SshTarget target, String command, Duration deadline) {
    RemoteShell started = shell();
    return started == null ? failed() : started.run(target, command, deadline);
  }

  @Override
  public Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command, Duration deadline) {
    RemoteShell started = shell();
    if (started != null) {
      return started.runOnAll(targets, command, deadline);
    }
    Map<Long, ShellOutcome> outcomes = new LinkedHashMap<>();
    targets.forEach(t -> outcomes.put(t.instanceId(), failed()));
    return outcomes;
  }

  @Override
  public Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command, Duration deadline,
      java.util.function.LongConsumer done) {
    RemoteShell started = shell();
    if (started != null) {
      return started.runOnAll(targets, command, deadline, done);
    }
    return RemoteShell.super.runOnAll(targets, command, deadline, done);
  }

  private ShellOutcome failed() {
    return ShellOutcome.failed(ShellOutcome.Failure.SSH_ERROR, "SSH client not started: " + startFailure,
        Duration.ZERO);
  }

  @Override
  public synchronized void close() {
    if (shell != null) {
      shell.close();
    }
  }
}
