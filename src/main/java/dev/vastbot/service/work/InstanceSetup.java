package dev.vastbot.service.work;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.p2p.JoinResult;
import dev.vastbot.fleet.port.Pause;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.work.WorkerRestart;
import dev.vastbot.service.p2p.P2pNetwork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
/**
 * Makes a freshly running instance useful: waits until SSH answers (Vast says "running" before
 * sshd is up), starts the self-play workers for its GPU, and starts its P2P orchestrator.
 */
public final class InstanceSetup {
  private final RemoteShell shell;
  private final WorkerControl workers;
  private final P2pNetwork network;
  private final Clock clock;
  private final Pause pause;
  private final Duration sshWait;

  public InstanceSetup(RemoteShell shell, WorkerControl workers, P2pNetwork network, Clock clock, Pause pause,
      Duration sshWait) {
    this.shell = shell;
    this.workers = workers;
    this.network = network;
    this.clock = clock;
    this.pause = pause;
    this.sshWait = sshWait;
  }

  /** Returns what was done, for people; never throws for a host's failure. */
  public String prepare(Instance instance) throws InterruptedException {
    ShellOutcome reachable = awaitSsh(instance);
    if (!reachable.succeeded()) {
      return "SSH not answering after " + sshWait.toSeconds() + " s (" + reachable.message()
          + "); workers not started";
    }
    WorkerRestart started = workers.restart(instance);
    String workerNote = started.succeeded()
        ? started.workersAfter() + " worker(s) started (" + started.board() + ")"
        : "workers not started: " + started.problem();
    JoinResult joined = network.start(instance, false);
    return workerNote + "; P2P " + (joined.healthy() ? "" : "not ready: ") + joined.detail();
  }

  private ShellOutcome awaitSsh(Instance instance) throws InterruptedException {
    Instant deadline = clock.instant().plus(sshWait);
    SshTarget target = new SshTarget(instance.id(), instance.sshAddress().orElseThrow());
    while (true) {
      ShellOutcome outcome = shell.run(target, "true", Duration.ofSeconds(10));
      boolean retryable = !outcome.completed() && (outcome.failure() == ShellOutcome.Failure.UNREACHABLE
          || outcome.failure() == ShellOutcome.Failure.SSH_ERROR);
      if (!retryable || !clock.instant().isBefore(deadline)) {
        return outcome;
      }
      pause.pause(Duration.ofSeconds(1));
    }
  }
}
