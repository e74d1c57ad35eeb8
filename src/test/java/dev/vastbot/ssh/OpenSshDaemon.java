package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.remote.SshTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * OpenSSH's own {@code sshd} as a child process on 127.0.0.1, configured in a temp dir: key login
 * for root only, its log read from stderr.
 */
final class OpenSshDaemon implements AutoCloseable {
  static final Path SSHD = Path.of("/usr/sbin/sshd");
  static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
  private static final Duration START_BOUND = Duration.ofSeconds(10);

  private final Process process;
  private final int port;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> listening = new CompletableFuture<>();

  private OpenSshDaemon(Process process, int port) {
    this.process = process;
    this.port = port;
    var reader = new Thread(this::readLog, "sshd-log-" + port);
    reader.setDaemon(true);
    reader.start();
  }

  /** Skips the calling test when sshd is missing, unless {@code CI} is set: then it fails. */
  static void requireInstalled() {
    boolean installed = Files.isExecutable(SSHD) && Files.isExecutable(SSH_KEYGEN);
    String why = SSHD + " or " + SSH_KEYGEN + " is missing; install openssh-server and "
        + "openssh-client (apt-get install -y openssh-server openssh-client)";
    if (!installed && System.getenv("CI") != null) {
      fail("CI is set but " + why);
    }
    assumeTrue(installed, why);
  }

  /** Runs {@code ssh-keygen -t type} without passphrase into {@code file}. */
  static Path keygen(Path file, String type, String... options) {
    var command = new ArrayList<>(List.of(SSH_KEYGEN.toString(), "-q", "-t", type,
        "-N", "", "-C", "vastbot-test", "-f", file.toString()));
    command.addAll(List.of(options));
    run(command);
    return file;
  }

  /** The fingerprint {@code ssh-keygen -l} prints for a public key file ("SHA256:..."). */
  static String fingerprint(Path publicKeyFile) {
    return run(List.of(SSH_KEYGEN.toString(), "-l", "-E", "sha256", "-f",
        publicKeyFile.toString())).split(" ")[1];
  }

  static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts sshd on {@code port} and waits (bounded) until it listens. */
  static OpenSshDaemon start(Path dir, int port, Path hostKey, Path authorizedKeys)
      throws IOException {
    return start(dir, port, hostKey, authorizedKeys, List.of());
  }

  /** @param extraConfig more sshd_config lines, e.g. {@code SetEnv PATH=...} */
  static OpenSshDaemon start(Path dir, int port, Path hostKey, Path authorizedKeys, List<String> extraConfig)
      throws IOException {
    Files.createDirectories(Path.of("/run/sshd")); // privilege separation dir, as the package has
    Path config = Files.writeString(dir.resolve("sshd_config-" + port + "-"
        + hostKey.getFileName()), String.join("\n",
        "Port " + port,
        "ListenAddress 127.0.0.1",
        "HostKey " + hostKey,
        "AuthorizedKeysFile " + authorizedKeys,
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "StrictModes no",
        "PidFile " + dir.resolve("sshd-" + port + ".pid"),
        String.join("\n", extraConfig),
        ""));
    Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
        .redirectErrorStream(true).start();
    var daemon = new OpenSshDaemon(process, port);
    daemon.awaitListening();
    return daemon;
  }

  SshTarget target(long instanceId) {
    return new SshTarget(instanceId, new HostPort("127.0.0.1", port));
  }

  int port() {
    return port;
  }

  /** How many logins sshd accepted so far. */
  long acceptedLogins() {
    return log.stream().filter(line -> line.contains("Accepted publickey for root")).count();
  }

  String log() {
    return String.join("\n", log);
  }

  private void awaitListening() {
    try {
      listening.get(START_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      close();
      fail("sshd did not start listening on port " + port + ":\n" + log());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      fail("interrupted while starting sshd");
    }
  }

  private void readLog() {
    try (var lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        log.add(line);
        if (line.contains("Server listening on 127.0.0.1 port " + port)) {
          listening.complete(null);
        }
      }
    } catch (IOException closed) {
      // the process ended
    }
    listening.completeExceptionally(new IllegalStateException("sshd exited"));
  }

  /** Stops sshd and every session process it forked, as a rebuilt machine would. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
        fail(String.join(" ", command) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted: " + command);
    }
  }
}
