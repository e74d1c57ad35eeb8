package dev.vastbot.sim.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH exec request on a simulated host: {@code setsid /bin/bash -c <command>} in the host's
 * home with the host's environment, stdin/stdout/stderr wired to the channel and output streamed as
 * it comes. Like sshd, it runs root's login shell, which is bash on a Vast image ({@code /bin/sh}
 * where bash is missing): bash runs a lone simple command by exec, so {@code pgrep -f x} does not
 * count its own shell, while compound commands do (RINGRIFT_SCRIPTS.md B9/B10), as on a real host.
 * The exit status is sent, and the channel closed, once the shell has exited and its output is
 * drained: background jobs never keep the channel open, even where (unlike OpenSSH) a backgrounded
 * subshell such as {@code cd x && nohup cmd > log 2>&1 &} still holds the pipes; their later output
 * is dropped. Each command gets its own session (setsid), which the host-scoped pgrep/pkill use.
 */
final class HostShellCommand implements Command {
  private static final Logger LOG = LoggerFactory.getLogger(HostShellCommand.class);
  private static final int BUFFER = 8192;
  private static final long DRAIN_AFTER_EXIT_MILLIS = 300;

  private final String command;
  private final HostEnvironment environment;
  private final ExecutorService threads;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exit;
  private volatile Process process;

  HostShellCommand(String command, HostEnvironment environment, ExecutorService threads) {
    this.command = command == null ? "" : command;
    this.environment = environment;
    this.threads = threads;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) throws IOException {
    var builder = new ProcessBuilder(HostEnvironment.shellCommand(command));
    builder.directory(environment.home().toFile());
    builder.environment().clear();
    builder.environment().putAll(environment.variables());
    Process started = builder.start();
    process = started;
    CompletableFuture<Void> stdout = pump(started.getInputStream(), out);
    CompletableFuture<Void> stderr = pump(started.getErrorStream(), err);
    threads.execute(() -> feed(in, started.getOutputStream()));
    threads.execute(() -> finish(started, stdout, stderr));
  }

  @Override
  public void destroy(ChannelSession channel) {
    Process running = process;
    if (running != null && running.isAlive()) {
      running.destroyForcibly();
    }
  }

  private CompletableFuture<Void> pump(InputStream from, OutputStream to) {
    return CompletableFuture.runAsync(
        () -> {
          byte[] buffer = new byte[BUFFER];
          boolean channelOpen = true;
          try (from) {
            for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
              if (channelOpen) {
                channelOpen = write(to, buffer, n);
              }
            }
          } catch (IOException e) {
            LOG.debug("output pipe of '{}' failed", command, e);
          }
        },
        threads);
  }

  /** Writes and flushes; false once the channel is gone (the rest of the output is drained). */
  private static boolean write(OutputStream to, byte[] buffer, int length) {
    try {
      to.write(buffer, 0, length);
      to.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void feed(InputStream from, OutputStream toProcess) {
    byte[] buffer = new byte[BUFFER];
    try (toProcess) {
      for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
        toProcess.write(buffer, 0, n);
        toProcess.flush();
      }
    } catch (IOException e) {
      // the channel closed or the process stopped reading: its stdin is closed either way
    }
  }

  private void finish(
      Process started, CompletableFuture<Void> stdout, CompletableFuture<Void> stderr) {
    int status;
    try {
      status = started.waitFor();
      CompletableFuture.allOf(stdout, stderr).get(DRAIN_AFTER_EXIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      status = started.exitValue(); // a background job holds the pipes: close without its output
    } catch (ExecutionException e) {
      status = started.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      started.destroyForcibly();
      status = 130;
    }
    exit.onExit(status);
  }
}
