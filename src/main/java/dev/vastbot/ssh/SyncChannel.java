package dev.vastbot.ssh;

import dev.vastbot.fleet.sync.SyncReport.Failure;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.ChannelPipedInputStream;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * One exec channel running the remote sync script: the script and its request go to its stdin,
 * its stdout is read here with a bounded wait per read (the stall timeout, capped by the pull's
 * deadline), its stderr is kept (capped) for the error message. Not thread-safe: one reader.
 */
final class SyncChannel implements AutoCloseable {
  /** Large enough that a long-distance link stays busy (about 64 ms at 1 Gbit/s). */
  private static final long WINDOW_BYTES = 8L << 20;
  private static final int STDERR_KEPT = 4096;
  private static final Duration EXIT_WAIT = Duration.ofSeconds(2);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final ChannelExec channel;
  private ChannelPipedInputStream stdout;
  private final CappedOutput stderr = new CappedOutput(STDERR_KEPT);
  private final Deadline deadline;
  private final Duration stall;
  private final RateFloor floor;

  private SyncChannel(ChannelExec channel, Deadline deadline, Duration stall, RateFloor floor) {
    this.channel = channel;
    this.deadline = deadline;
    this.stall = stall;
    this.floor = floor;
  }

  /**
   * Opens the channel and sends {@code stdin} (then closes the remote's stdin). Reads end at
   * {@code deadline}, after {@code stall} of silence, or when the stream's rate falls below
   * {@code floor} (which counts only while {@link #measureRate} is on: off at first).
   */
  static SyncChannel open(ClientSession session, String command, byte[] stdin, Deadline deadline,
      Duration openTimeout, Duration stall, RateFloor floor)
      throws SyncFailure, InterruptedException {
    ChannelExec channel = null;
    try {
      channel = session.createExecChannel(command);
      CoreModuleProperties.WINDOW_SIZE.set(channel, WINDOW_BYTES);
      var opened = new SyncChannel(channel, deadline, stall, floor);
      channel.setErr(opened.stderr);
      OpenFuture opening = channel.open();
      if (!opening.await(deadline.capMillis(openTimeout), CancelOption.CANCEL_ON_TIMEOUT,
          CancelOption.CANCEL_ON_INTERRUPT)) {
        throw new SyncFailure(Failure.UNREACHABLE, "the server did not open a channel");
      }
      if (!opening.isOpened() || !channel.isOpen()) {
        // OpenSSH refuses more than MaxSessions (10) channels at a time on one connection
        throw SyncFailure.refusedChannel("the server refused a channel: "
            + SessionOpener.describe(opening.getException()));
      }
      opened.stdout = (ChannelPipedInputStream) channel.getInvertedOut();
      OutputStream in = channel.getInvertedIn();
      in.write(stdin);
      in.flush();
      in.close();
      return opened;
    } catch (InterruptedIOException e) {
      close(channel);
      throw new InterruptedException("interrupted while opening a sync channel");
    } catch (IOException e) {
      close(channel);
      throw new SyncFailure(Failure.UNREACHABLE, "could not open a channel: "
          + SessionOpener.describe(e));
    } catch (SyncFailure | RuntimeException e) {
      close(channel);
      throw e;
    }
  }

  /** Reads exactly {@code length} bytes, or fails naming what was expected. */
  void readFully(byte[] into, int offset, int length, String what)
      throws SyncFailure, InterruptedException {
    int done = 0;
    while (done < length) {
      int n = read(into, offset + done, length - done);
      if (n < 0) {
        throw ended(what);
      }
      done += n;
    }
  }

  /**
   * Turns the rate floor's clock on (a file's data is arriving) or off (the host may be preparing
   * the next file: that silence is bounded by the stall timer alone).
   */
  void measureRate(boolean on) {
    if (on) {
      floor.resume(System.nanoTime());
    } else {
      floor.pause(System.nanoTime());
    }
  }

  /**
   * One read of what has come, at most {@code length} bytes and at least one (-1 at the end),
   * waiting in slices: until data comes, the stall timeout passes since the call, the rate floor
   * is breached or the deadline passes, whichever is first.
   */
  int read(byte[] into, int offset, int length) throws SyncFailure, InterruptedException {
    var pipe = stdout;
    long started = System.nanoTime();
    while (true) {
      long now = System.nanoTime();
      long untilBreach = floor.breachAt() - now;
      if (untilBreach <= 0) {
        throw floor.breach(now);
      }
      long untilStall = stall.toNanos() - (now - started);
      pipe.setTimeout(deadline.capMillis(Duration.ofNanos(Math.min(untilStall, untilBreach))));
      try {
        int n = pipe.read(into, offset, length);
        if (n > 0) {
          floor.received(System.nanoTime(), n);
        }
        return n;
      } catch (InterruptedIOException e) {
        throw new InterruptedException("interrupted while receiving");
      } catch (SocketException timeout) {
        if (deadline.expired()) {
          throw new SyncFailure(Failure.TIMEOUT, "the pull did not finish within its deadline");
        }
        if (System.nanoTime() - started >= stall.toNanos()) {
          throw new SyncFailure(Failure.TIMEOUT, "the host sent nothing for "
              + stall.toSeconds() + " s");
        }
      } catch (EOFException e) {
        return -1;
      } catch (IOException e) {
        if (!channel.isOpen()) {
          return -1;
        }
        throw new SyncFailure(Failure.UNREACHABLE, "the SSH channel failed: "
            + SessionOpener.describe(e));
      }
    }
  }

  /** Why the output ended before {@code what}: the exit status and stderr, when they came. */
  SyncFailure ended(String what) {
    // the exit status and stderr arrive just after the end of stdout
    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), deadline.capMillis(EXIT_WAIT));
    String error = stderr.text().strip();
    Integer exit = channel.getExitStatus();
    if (exit != null && exit == 127) {
      return new SyncFailure(Failure.REMOTE_ERROR, "python3 is not installed on the instance ("
          + SyncManifest.printable(error) + ")");
    }
    if (exit == null && !channel.getSession().isOpen()) {
      return new SyncFailure(Failure.UNREACHABLE, "the SSH session was lost while waiting for "
          + what);
    }
    return new SyncFailure(Failure.REMOTE_ERROR, "the host's sync script stopped before " + what
        + (exit == null ? "" : " (exit " + exit + ")")
        + (error.isEmpty() ? "" : ": " + SyncManifest.printable(lastLines(error))));
  }

  private static String lastLines(String text) {
    String[] lines = text.split("\n");
    int from = Math.max(0, lines.length - 3);
    return String.join(" | ", Arrays.copyOfRange(lines, from, lines.length));
  }

  /**
   * Closes the channel gracefully: sends SSH's channel close and waits (briefly) for the server's.
   * The server frees the channel only when both sides have sent it, and OpenSSH allows
   * MaxSessions (10) open channels per connection: an immediate close sends nothing, so every pull
   * on a kept session left its streams open on the server, and the ninth pull in a row was refused
   * a channel. If the server does not answer in time, the channel is dropped here anyway (the
   * session is then the pool's to judge).
   */
  @Override
  public void close() {
    if (channel.isClosed()) {
      return;
    }
    try {
      if (!channel.close(false).await(CLOSE_WAIT.toMillis())) {
        channel.close(true);
      }
    } catch (IOException e) {
      channel.close(true);
    }
  }

  private static void close(ChannelExec channel) {
    if (channel != null) {
      channel.close(true);
    }
  }
}
