package dev.vastbot.sim.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH exec request on a simulated host: {@code setsid /bin/sh -c <command>} in the host's home
 * with the host's environment, stdin/stdout/stderr wired to the channel and output streamed as it
 * comes. The exit status is sent when the shell has exited and its output pipes are closed, as
 * OpenSSH does: a {@code nohup ... > log 2>&1 &} child holds no pipe and does not keep the channel
 * open. Each command gets its own session (setsid), which the host-scoped pgrep/pkill rely on.
 */
final class HostShellCommand implements Command {
  private static final Logger LOG = LoggerFactory.getLogger(HostShellCommand.class);
  private static final int BUFFER = 8192;
  private static final List<String> SHELL = shell();

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
    var argv = new java.util.ArrayList<>(SHELL);
    argv.add(command);
    var builder = new ProcessBuilder(argv);
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

  /** {@code setsid /bin/sh -c}, or plain {@code /bin/sh -c} where util-linux is missing. */
  private static List<String> shell() {
    for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(setsid))) {
        return List.of(setsid, "/bin/sh", "-c");
      }
    }
    return List.of("/bin/sh", "-c");
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
      CompletableFuture.allOf(stdout, stderr).join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      started.destroyForcibly();
      status = 130;
    }
    exit.onExit(status);
  }
}
