package dev.vastbot.sim.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The SSH side of one simulated host on 127.0.0.1: a MINA {@link SshServer} with the host's key
 * (ed25519, kept in a file so that it survives a re-attach), or, while hanging, a {@link
 * SilentListener} on the same port. Thread-safe.
 */
final class HostSshEndpoint implements AutoCloseable {
  private final Path hostKeyFile;
  private final PublickeyAuthenticator authenticator;
  private final CommandFactory commands;
  private SimpleGeneratorHostKeyProvider hostKeys;
  private SshServer server;
  private SilentListener silent;
  private boolean hanging;
  private int port;
  private static final Duration REBIND_PATIENCE = Duration.ofSeconds(3);
  private static final Duration REBIND_RETRY = Duration.ofMillis(50);

  HostSshEndpoint(Path hostKeyFile, PublickeyAuthenticator authenticator, CommandFactory commands) {
    this.hostKeyFile = hostKeyFile;
    this.authenticator = authenticator;
    this.commands = commands;
    this.hostKeys = keysIn(hostKeyFile);
  }

  /** Starts listening on {@code wantedPort} (0: a free one below the ephemeral range); returns the bound port. */
  synchronized int open(int wantedPort) {
    closeListeners();
    port = wantedPort;
    listen();
    return port;
  }

  /** The port of the last {@link #open}. */
  synchronized int port() {
    return port;
  }

  /** Whether something listens (a real server or, while hanging, the silent one). */
  synchronized boolean isOpen() {
    return server != null || silent != null;
  }

  /** Switches between the silent listener ({@code true}) and the real server, on the same port. */
  synchronized void hang(boolean hang) {
    if (hang == hanging) {
      return;
    }
    hanging = hang;
    if (isOpen()) {
      closeListeners();
      listen();
    }
  }

  /** A new host key; a running server is restarted on the same port to present it. */
  synchronized void replaceHostKey() {
    try {
      Files.deleteIfExists(hostKeyFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + hostKeyFile, e);
    }
    hostKeys = keysIn(hostKeyFile);
    if (server != null) {
      closeListeners();
      listen();
    }
  }

  /** {@code SHA256:...} of the host's public key (generating the key if there is none yet). */
  synchronized String fingerprint() {
    List<java.security.KeyPair> keys = hostKeys.loadKeys(null);
    PublicKey key = keys.get(0).getPublic();
    return KeyUtils.getFingerPrint(key);
  }

  @Override
  public synchronized void close() {
    closeListeners();
  }

  /**
   * Binds {@link #port} (a new one when it is 0, taken below the ephemeral range so that no
   * outgoing connection holds it when the host re-binds it after a hang or a new key). A re-bind of
   * the same port is retried for a bounded time: the socket just closed may not be released yet.
   */
  private void listen() {
    if (port == 0) {
      port = LoopbackPort.pickForLaterBind();
    }
    long giveUp = System.nanoTime() + REBIND_PATIENCE.toNanos();
    while (true) {
      try {
        if (hanging) {
          silent = SilentListener.open(port);
        } else {
          server = startServer(port);
          port = server.getPort();
        }
        return;
      } catch (BindException e) {
        if (System.nanoTime() > giveUp) {
          throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        LockSupport.parkNanos(REBIND_RETRY.toNanos());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
      }
    }
  }

  private SshServer startServer(int wantedPort) throws IOException {
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost(LoopbackPort.ADDRESS.getHostAddress());
    sshd.setPort(wantedPort);
    sshd.setKeyPairProvider(hostKeys);
    sshd.setPublickeyAuthenticator(authenticator);
    sshd.setPasswordAuthenticator(null);
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setGSSAuthenticator(null);
    sshd.setHostBasedAuthenticator(null);
    sshd.setCommandFactory(commands);
    try {
      sshd.start();
    } catch (IOException e) {
      sshd.stop(true);
      throw e;
    }
    return sshd;
  }

  private void closeListeners() {
    if (server != null) {
      try {
        server.stop(true);
      } catch (IOException e) {
        // stopping anyway
      }
      server = null;
    }
    if (silent != null) {
      silent.close();
      silent = null;
    }
  }

  private static SimpleGeneratorHostKeyProvider keysIn(Path file) {
    var provider = new SimpleGeneratorHostKeyProvider(file);
    provider.setAlgorithm(SecurityUtils.EDDSA);
    return provider;
  }
}
