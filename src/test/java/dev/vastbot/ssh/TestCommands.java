package dev.vastbot.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/**
 * The commands the in-process test server knows, each run on its own thread (MINA's default).
 *
 * <ul>
 *   <li>{@code echo <text>}: prints the text and a newline, exits 0
 *   <li>{@code exit <n>}: exits with n
 *   <li>{@code complain <text>}: prints the text to stderr, exits 2
 *   <li>{@code bytes <n>}: prints n times 'x' to stdout and to stderr, exits 0
 *   <li>{@code hang}: never ends until its channel is closed
 *   <li>{@code gate}: waits (at most 10 s) until {@link #openGate()}, counting how many wait at once
 * </ul>
 */
final class TestCommands implements CommandFactory {
  private final Semaphore hangsEnded = new Semaphore(0);
  private final Semaphore arrivedAtGate = new Semaphore(0);
  private final AtomicInteger waitingAtGate = new AtomicInteger();
  private final AtomicInteger mostAtGate = new AtomicInteger();
  private final CountDownLatch gate = new CountDownLatch(1);

  @Override
  public Command createCommand(ChannelSession channel, String command) {
    return new TestCommand(command);
  }

  /** Waits until the server ended a {@code hang} command because its channel was closed. */
  boolean awaitHangEnded(Duration bound) throws InterruptedException {
    return hangsEnded.tryAcquire(bound.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until {@code count} more {@code gate} commands arrived at the gate. */
  boolean awaitArrivalsAtGate(int count, Duration bound) throws InterruptedException {
    return arrivedAtGate.tryAcquire(count, bound.toMillis(), TimeUnit.MILLISECONDS);
  }

  int mostAtGate() {
    return mostAtGate.get();
  }

  void openGate() {
    gate.countDown();
  }

  private final class TestCommand extends AbstractCommandSupport {
    private final CountDownLatch destroyed = new CountDownLatch(1);

    TestCommand(String command) {
      super(command, null);
    }

    @Override
    public void run() {
      String[] words = getCommand().split(" ", 2);
      String argument = words.length > 1 ? words[1] : "";
      try {
        switch (words[0]) {
          case "echo" -> finish(print(getOutputStream(), argument + "\n"), 0);
          case "exit" -> finish(true, Integer.parseInt(argument));
          case "complain" -> finish(print(getErrorStream(), argument), 2);
          case "bytes" -> finish(printBytes(Integer.parseInt(argument)), 0);
          case "hang" -> hang();
          case "gate" -> passGate();
          default -> finish(print(getErrorStream(), "unknown command: " + getCommand()), 127);
        }
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }

    private void hang() throws InterruptedException {
      destroyed.await(60, TimeUnit.SECONDS);
    }

    private void passGate() throws InterruptedException {
      mostAtGate.accumulateAndGet(waitingAtGate.incrementAndGet(), Math::max);
      arrivedAtGate.release();
      boolean opened = gate.await(10, TimeUnit.SECONDS);
      waitingAtGate.decrementAndGet();
      finish(true, opened ? 0 : 1);
    }

    private boolean printBytes(int count) {
      byte[] chunk = new byte[8192];
      Arrays.fill(chunk, (byte) 'x');
      for (int left = count; left > 0; left -= chunk.length) {
        write(getOutputStream(), chunk, Math.min(left, chunk.length));
        write(getErrorStream(), chunk, Math.min(left, chunk.length));
      }
      return true;
    }

    private boolean print(OutputStream out, String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      write(out, bytes, bytes.length);
      return true;
    }

    private void write(OutputStream out, byte[] bytes, int length) {
      try {
        out.write(bytes, 0, length);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void finish(boolean printed, int exitCode) {
      onExit(printed ? exitCode : 1);
    }

    @Override
    public void destroy(ChannelSession channel) throws Exception {
      if (getCommand().equals("hang") && destroyed.getCount() > 0) {
        destroyed.countDown();
        hangsEnded.release();
      }
      super.destroy(channel);
    }
  }
}
