package dev.vastbot.ssh;

import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.remote.SshTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.sshd.client.session.ClientSession;

/**
 * Keeps one authenticated session per (instance id, address) open between commands, so that a
 * repeated sweep skips connect, key exchange and login. Sessions are evicted on failure, when idle
 * longer than the idle timeout (measured on the injected clock, checked on every use) and on
 * {@link #close()}. Thread-safe.
 */
final class SessionPool implements AutoCloseable {
  private final SessionOpener opener;
  private final Clock clock;
  private final Duration idleTimeout;
  private final ConcurrentMap<SessionKey, PooledSession> sessions = new ConcurrentHashMap<>();

  SessionPool(SessionOpener opener, Clock clock, Duration idleTimeout) {
    this.opener = opener;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
  }

  private record SessionKey(long instanceId, HostPort address) {
    static SessionKey of(SshTarget target) {
      return new SessionKey(target.instanceId(), target.address());
    }
  }

  /** A session borrowed for one command; give it back with {@link #close()}. Not thread-safe. */
  final class Lease implements AutoCloseable {
    private final SessionKey key;
    private final PooledSession pooled;
    private final boolean reused;
    private boolean returned;

    private Lease(SessionKey key, PooledSession pooled, boolean reused) {
      this.key = key;
      this.pooled = pooled;
      this.reused = reused;
    }

    ClientSession session() {
      return pooled.session();
    }

    /** Whether the session was opened for an earlier command. */
    boolean reused() {
      return reused;
    }

    /** The session failed: nobody else gets it, and it closes once given back. */
    void evict() {
      sessions.remove(key, pooled);
      pooled.evict(true);
    }

    @Override
    public void close() {
      if (!returned) {
        returned = true;
        pooled.giveBack(clock.instant());
      }
    }
  }

  /** Borrows the open session to {@code target}, or opens one within {@code deadline}. */
  Lease borrow(SshTarget target, Deadline deadline) throws HostFailure {
    var key = SessionKey.of(target);
    PooledSession existing = sessions.get(key);
    if (existing != null) {
      if (existing.tryBorrow(clock.instant(), idleTimeout)) {
        return new Lease(key, existing, true);
      }
      sessions.remove(key, existing);
      existing.evict(false);
    }
    var fresh = new PooledSession(opener.open(target, deadline), clock.instant());
    fresh.session().addCloseFutureListener(closed -> sessions.remove(key, fresh));
    if (idleTimeout.isZero() || sessions.putIfAbsent(key, fresh) != null) {
      fresh.evict(false); // not shared: closes when this command gives it back
    }
    return new Lease(key, fresh, false);
  }

  /** Closes every session nobody used for longer than the idle timeout. */
  void closeIdle() {
    var now = clock.instant();
    sessions.forEach((key, pooled) -> {
      if (pooled.isIdle(now, idleTimeout) && sessions.remove(key, pooled)) {
        pooled.evict(false);
      }
    });
  }

  int openSessions() {
    return sessions.size();
  }

  @Override
  public void close() {
    sessions.forEach((key, pooled) -> {
      sessions.remove(key, pooled);
      pooled.evict(false);
    });
  }
}
