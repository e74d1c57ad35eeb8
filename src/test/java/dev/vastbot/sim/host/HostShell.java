package dev.vastbot.sim.host;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/** A real SSH client session (MINA) to one simulated host, logged in as root with one key. */
final class HostShell implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** What one command did. */
  record Outcome(int exit, String out, String err) {
    String line() {
      return out.strip();
    }
  }

  private final SshClient client;
  private final ClientSession session;
  private final AtomicReference<PublicKey> serverKey;

  private HostShell(SshClient client, ClientSession session, AtomicReference<PublicKey> serverKey) {
    this.client = client;
    this.session = session;
    this.serverKey = serverKey;
  }

  /** Connects and authenticates within {@code timeout}; throws when either fails. */
  static HostShell login(int port, KeyPair key, Duration timeout) throws IOException {
    SshClient client = SshClient.setUpDefaultClient();
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    var serverKey = new AtomicReference<PublicKey>();
    client.setServerKeyVerifier(
        (clientSession, remote, presented) -> {
          serverKey.set(presented);
          return true;
        });
    client.start();
    try {
      ClientSession session =
          client.connect("root", "127.0.0.1", port).verify(timeout).getSession();
      session.addPublicKeyIdentity(key);
      session.auth().verify(timeout);
      return new HostShell(client, session, serverKey);
    } catch (IOException | RuntimeException e) {
      client.stop();
      throw e;
    }
  }

  static HostShell login(int port, KeyPair key) {
    try {
      return login(port, key, TIMEOUT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code command} and waits for the channel to close. */
  Outcome run(String command) {
    return run(command, null);
  }

  /** Runs {@code command} with {@code stdin} (null: none) and waits for the channel to close. */
  Outcome run(String command, String stdin) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    try (ChannelExec channel = session.createExecChannel(command)) {
      if (stdin != null) {
        channel.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      }
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(TIMEOUT);
      var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
      if (!events.contains(ClientChannelEvent.CLOSED)) {
        throw new AssertionError("'" + command + "' still running after " + TIMEOUT);
      }
      Integer status = channel.getExitStatus();
      return new Outcome(
          status == null ? -1 : status,
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("'" + command + "' failed", e);
    }
  }

  /** Runs {@code command}, which must exit 0, and returns its stdout stripped. */
  String ok(String command) {
    Outcome outcome = run(command);
    if (outcome.exit() != 0) {
      throw new AssertionError("'" + command + "' exited " + outcome.exit() + ": " + outcome);
    }
    return outcome.line();
  }

  /** The host key the server presented. */
  PublicKey serverKey() {
    return serverKey.get();
  }

  @Override
  public void close() {
    try {
      session.close(true);
    } finally {
      client.stop();
    }
  }
}
