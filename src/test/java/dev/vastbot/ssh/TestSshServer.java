package dev.vastbot.ssh;

import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.remote.SshTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSessionFactory;

/**
 * An in-process MINA SSH server on 127.0.0.1 that lets {@code root} in with the authorized keys
 * only and runs {@link TestCommands}. Counts the sessions opened and still open.
 */
final class TestSshServer implements AutoCloseable {
  private final SshServer server;
  private final TestCommands commands = new TestCommands();
  private final AtomicInteger sessionsOpened = new AtomicInteger();
  private final AtomicInteger sessionsOpen = new AtomicInteger();
  private final Semaphore sessionsClosed = new Semaphore(0);
  private final Set<Session> liveSessions = ConcurrentHashMap.newKeySet();
  private final Set<Session> refusingChannels = ConcurrentHashMap.newKeySet();

  private TestSshServer(int port, KeyPair hostKey, List<PublicKey> authorized) {
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(port);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setPublickeyAuthenticator((user, key, session) -> "root".equals(user)
        && authorized.stream().anyMatch(allowed -> KeyUtils.compareKeys(allowed, key)));
    server.setCommandFactory(commands);
    server.setChannelFactories(List.of(new SessionChannels()));
    server.addSessionListener(new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        sessionsOpened.incrementAndGet();
        sessionsOpen.incrementAndGet();
        liveSessions.add(session);
      }

      @Override
      public void sessionClosed(Session session) {
        liveSessions.remove(session);
        sessionsOpen.decrementAndGet();
        sessionsClosed.release();
      }
    });
    CoreModuleProperties.NIO_WORKERS.set(server, 1);
    CoreModuleProperties.TCP_NODELAY.set(server, true);
  }

  /** Starts a server on an ephemeral port. */
  static TestSshServer start(KeyPair hostKey, PublicKey... authorized) {
    return startOn(0, hostKey, authorized);
  }

  /** Starts a server on {@code port} (0: ephemeral). */
  static TestSshServer startOn(int port, KeyPair hostKey, PublicKey... authorized) {
    var fixture = new TestSshServer(port, hostKey, List.of(authorized));
    try {
      fixture.server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the test SSH server on port " + port, e);
    }
    return fixture;
  }

  int port() {
    return server.getPort();
  }

  HostPort address() {
    return new HostPort("127.0.0.1", port());
  }

  SshTarget target(long instanceId) {
    return new SshTarget(instanceId, address());
  }

  TestCommands commands() {
    return commands;
  }

  /**
   * From now on the sessions open now refuse new channels, as a session that died without anyone
   * noticing would; new sessions work.
   */
  void refuseChannelsOnOpenSessions() {
    refusingChannels.addAll(liveSessions);
  }

  private final class SessionChannels implements ChannelFactory {
    @Override
    public String getName() {
      return ChannelSessionFactory.INSTANCE.getName();
    }

    @Override
    public Channel createChannel(Session session) throws IOException {
      return refusingChannels.contains(session) ? null
          : ChannelSessionFactory.INSTANCE.createChannel(session);
    }
  }

  int sessionsOpened() {
    return sessionsOpened.get();
  }

  int sessionsOpen() {
    return sessionsOpen.get();
  }

  /** Waits until {@code count} more sessions closed on the server side. */
  boolean awaitSessionsClosed(int count, Duration bound) throws InterruptedException {
    return sessionsClosed.tryAcquire(count, bound.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
