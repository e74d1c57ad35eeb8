package dev.vastbot.ssh;

import dev.vastbot.fleet.remote.ShellOutcome.Failure;

/**
 * Why a command could not run on one host; becomes a {@link
 * dev.vastbot.fleet.remote.ShellOutcome}. The message is for people and never holds a secret.
 */
final class HostFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final Failure failure;
  private final boolean commandSent;

  private HostFailure(Failure failure, String message, boolean commandSent) {
    super(message, null, false, false);
    this.failure = failure;
    this.commandSent = commandSent;
  }

  /** The command never reached the host, so it is safe to try again on a new session. */
  static HostFailure beforeCommand(Failure failure, String message) {
    return new HostFailure(failure, message, false);
  }

  /** The host may have started the command. */
  static HostFailure afterCommand(Failure failure, String message) {
    return new HostFailure(failure, message, true);
  }

  Failure failure() {
    return failure;
  }

  boolean commandSent() {
    return commandSent;
  }
}
