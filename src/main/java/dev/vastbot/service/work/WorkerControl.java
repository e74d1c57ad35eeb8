package dev.vastbot.service.work;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.remote.UnsafeValueException;
import dev.vastbot.fleet.work.WorkerCommands;
import dev.vastbot.fleet.work.WorkerRestart;
import dev.vastbot.fleet.work.WorkloadTable;
import java.time.Duration;
import java.util.Optional;
/** Restarts and reads self-play workers on one instance over SSH. */
public final class WorkerControl {
  private final RemoteShell shell;
  private final WorkerCommands commands;
  private final WorkloadTable workloads;
  private final Duration deadline;

  public WorkerControl(RemoteShell shell, WorkerCommands commands, WorkloadTable workloads, Duration deadline) {
    this.shell = shell;
    this.commands = commands;
    this.workloads = workloads;
    this.deadline = deadline;
  }

  public WorkloadTable workloads() {
    return workloads;
  }

  /** Syncs the code (when configured; a failure there does not stop the restart), then restarts. */
  public WorkerRestart restart(Instance instance) {
    String board = workloads.boardFor(instance.gpuName());
    Optional<SshTarget> target = target(instance);
    if (target.isEmpty()) {
      return new WorkerRestart(instance.id(), board, -1, "", "no SSH address (instance not running?)");
    }
    String start;
    try {
      start = commands.startCommand(board);
    } catch (UnsafeValueException unsafe) {
      return new WorkerRestart(instance.id(), board, -1, "", "not restarted: " + unsafe.getMessage());
    }
    String sync = "";
    if (!commands.syncCodeCommand().isBlank()) {
      ShellOutcome synced = shell.run(target.get(), commands.syncCodeCommand(), deadline);
      sync = synced.succeeded() ? lastLine(synced.stdout())
          : "code sync failed: " + describe(synced);
    }
    for (String step : new String[] {commands.stopCommand(), start}) {
      ShellOutcome done = shell.run(target.get(), step, deadline);
      if (!done.succeeded()) {
        return new WorkerRestart(instance.id(), board, -1, sync, describe(done));
      }
    }
    ShellOutcome counted = shell.run(target.get(), commands.countCommand(), deadline);
    if (!counted.completed()) {
      return new WorkerRestart(instance.id(), board, -1, sync, describe(counted));
    }
    int after = parseCount(lastLine(counted.stdout()));
    String problem = after > 0 ? null : "no worker running after the start command";
    return new WorkerRestart(instance.id(), board, after, sync, problem);
  }

  /** Stops every worker on the instance and waits until they are gone (quiescing it). */
  public ShellOutcome stop(Instance instance) {
    return target(instance)
        .map(t -> shell.run(t, commands.stopCommand(), deadline))
        .orElse(ShellOutcome.failed(ShellOutcome.Failure.UNREACHABLE, "no SSH address", Duration.ZERO));
  }

  /** The last lines of the workers' log. */
  public ShellOutcome tailLog(Instance instance, int lines) {
    return target(instance)
        .map(t -> shell.run(t, commands.tailLogCommand(lines), deadline))
        .orElse(ShellOutcome.failed(ShellOutcome.Failure.UNREACHABLE, "no SSH address", Duration.ZERO));
  }

  static Optional<SshTarget> target(Instance instance) {
    return instance.sshAddress().map(address -> new SshTarget(instance.id(), address));
  }

  static String describe(ShellOutcome outcome) {
    if (!outcome.completed()) {
      return outcome.failure().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + outcome.message();
    }
    return "exit " + outcome.exitCode() + (outcome.stderr().isBlank() ? "" : ": " + lastLine(outcome.stderr()));
  }

  private static int parseCount(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1].strip();
  }
}
