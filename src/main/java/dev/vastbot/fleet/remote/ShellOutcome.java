package dev.vastbot.fleet.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one remote command: it completed (whatever its exit code), or it could not be
 * run or finished, for a named reason. Never carries a secret.
 *
 * @param exitCode the command's exit status; -1 unless {@code failure} is null
 * @param stdout standard output, cut at the configured cap
 * @param truncated whether output was cut
 * @param failure why the command did not complete, or null when it did
 * @param message what went wrong, for people (empty on success)
 * @param took wall time from the first connect attempt to the answer
 */
public record ShellOutcome(
    int exitCode, String stdout, String stderr, boolean truncated, Failure failure, String message,
    Duration took) {

  /** Why a command did not complete. */
  public enum Failure {
    /** No TCP connection (refused, no route, connect deadline passed). */
    UNREACHABLE,
    /** Connected, but the server refused our key. */
    AUTH_REFUSED,
    /** The server's host key differs from the key pinned for this instance: refused. */
    HOST_KEY_CHANGED,
    /** Connected and authenticated, but the command did not finish by its deadline. */
    TIMEOUT,
    /** Anything else on the SSH layer (protocol error, channel refused, session lost). */
    SSH_ERROR
  }

  public ShellOutcome {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(took, "took");
  }

  public static ShellOutcome completed(int exitCode, String stdout, String stderr, boolean truncated,
      Duration took) {
    return new ShellOutcome(exitCode, stdout, stderr, truncated, null, "", took);
  }

  public static ShellOutcome failed(Failure failure, String message, Duration took) {
    return new ShellOutcome(-1, "", "", false, Objects.requireNonNull(failure), message, took);
  }

  public boolean completed() {
    return failure == null;
  }

  public boolean succeeded() {
    return completed() && exitCode == 0;
  }
}
