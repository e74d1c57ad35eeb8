package dev.vastbot.ssh;

import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.ShellOutcome.Failure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.future.CancelOption;

/**
 * Runs one command on its own exec channel of an authenticated session, keeping at most {@code
 * maxOutputBytes} of stdout and of stderr, and closes the channel when the deadline passes.
 * Thread-safe.
 */
final class RemoteExec {
  private final int maxOutputBytes;
  private final Duration openTimeout;

  /**
   * @param openTimeout the most time the server may take to open a channel; a longer silence
   *     means the session is dead
   */
  RemoteExec(int maxOutputBytes, Duration openTimeout) {
    this.maxOutputBytes = maxOutputBytes;
    this.openTimeout = openTimeout;
  }

  ShellOutcome run(ClientSession session, String command, Deadline deadline) throws HostFailure {
    var stdout = new CappedOutput(maxOutputBytes);
    var stderr = new CappedOutput(maxOutputBytes);
    ChannelExec channel = openChannel(session, command, stdout, stderr, deadline);
    try {
      Set<ClientChannelEvent> events = channel.waitFor(
          EnumSet.of(ClientChannelEvent.CLOSED), deadline.capMillis(deadline.remaining()));
      if (!events.contains(ClientChannelEvent.CLOSED)) {
        throw HostFailure.afterCommand(Failure.TIMEOUT, "the command did not finish within its "
            + "deadline (" + stdout.totalBytes() + " bytes of output so far); channel closed");
      }
      Integer exitStatus = channel.getExitStatus();
      if (exitStatus == null) {
        String signal = channel.getExitSignal();
        throw HostFailure.afterCommand(Failure.SSH_ERROR, signal == null
            ? "the command ended without an exit status"
            : "the command was killed by signal " + signal);
      }
      return ShellOutcome.completed(exitStatus, stdout.text(), stderr.text(),
          stdout.truncated() || stderr.truncated(), deadline.elapsed());
    } finally {
      channel.close(true);
    }
  }

  private ChannelExec openChannel(ClientSession session, String command, CappedOutput stdout,
      CappedOutput stderr, Deadline deadline) throws HostFailure {
    ChannelExec channel = null;
    try {
      channel = session.createExecChannel(command);
      channel.setOut(stdout);
      channel.setErr(stderr);
      OpenFuture opening = channel.open();
      if (!opening.await(deadline.capMillis(openTimeout), CancelOption.CANCEL_ON_TIMEOUT,
          CancelOption.CANCEL_ON_INTERRUPT)) {
        throw HostFailure.beforeCommand(Failure.SSH_ERROR, "the server did not open a channel");
      }
      if (!opening.isOpened()) {
        throw HostFailure.beforeCommand(Failure.SSH_ERROR,
            "the server refused a channel: " + SessionOpener.describe(opening.getException()));
      }
      return channel;
    } catch (InterruptedIOException interrupted) {
      Thread.currentThread().interrupt();
      close(channel);
      throw HostFailure.beforeCommand(Failure.SSH_ERROR, "interrupted while opening a channel");
    } catch (IOException e) {
      close(channel);
      throw HostFailure.beforeCommand(Failure.SSH_ERROR,
          "could not open a channel: " + SessionOpener.describe(e));
    } catch (HostFailure failure) {
      close(channel);
      throw failure;
    }
  }

  private static void close(ChannelExec channel) {
    if (channel != null) {
      channel.close(true);
    }
  }
}
