package dev.vastbot.slack;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Jetty leaves to the application on the bot's HTTP port: a cap on the connections one client
 * address may hold open, and a deadline for a request's head (request line and headers).
 *
 * <p>Jetty parses heads without holding a thread, so a slow client costs a socket, not a worker;
 * this guard bounds how many sockets and for how long. Every {@code headDeadline} it looks at each
 * connection: one that has not completed a request head since it opened is closed; so is one that
 * received bytes of a new head (bytes after its last answer, no request under way) at two looks in
 * a row without completing it. A head therefore gets between one and two deadlines, whether the
 * client stalls or trickles a byte at a time. An idle kept-alive connection (nothing since its
 * last answer) is left to the connector's idle timeout, and a request body to the front's body
 * deadline. A connection over its address's cap is closed as soon as it opens. Pipelined requests
 * (a second head sent before the first answer) are judged as one. Thread-safe.
 */
final class ConnectionGuard implements Connection.Listener {
  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
  private final int perClient;
  private final Duration headDeadline;
  private final Scheduler scheduler;
  private final Map<InetAddress, Integer> openByClient = new ConcurrentHashMap<>();
  private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();

  ConnectionGuard(int perClient, Duration headDeadline, Scheduler scheduler) {
    if (perClient < 1 || headDeadline.isNegative() || headDeadline.isZero()) {
      throw new IllegalArgumentException("connection guard: perClient >= 1 and a positive deadline");
    }
    this.perClient = perClient;
    this.headDeadline = headDeadline;
    this.scheduler = scheduler;
  }

  /** One connection's state at the last look; guarded by itself. */
  private static final class Watch {
    final InetAddress peer;
    long bytesAfterLastAnswer;
    boolean headStarted;
    Scheduler.Task next;

    Watch(InetAddress peer) {
      this.peer = peer;
    }
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress peer = addressOf(connection.getEndPoint().getRemoteSocketAddress());
    int open = openByClient.merge(peer, 1, Integer::sum);
    var watch = new Watch(peer);
    watches.put(connection, watch);
    if (open > perClient) {
      if (open == perClient + 1) {
        log.warn("refusing connections from " + peer.getHostAddress() + ": it holds "
            + perClient + " already, the cap per client address");
      }
      connection.getEndPoint().close();
      return;
    }
    synchronized (watch) {
      watch.next = scheduler.schedule(() -> look(connection, watch), headDeadline.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void onClosed(Connection connection) {
    Watch watch = watches.remove(connection);
    if (watch == null) {
      return;
    }
    synchronized (watch) {
      if (watch.next != null) {
        watch.next.cancel();
      }
    }
    openByClient.computeIfPresent(watch.peer, (peer, open) -> open <= 1 ? null : open - 1);
  }

  /** A request on {@code connection} was answered: bytes after this belong to the next head. */
  void answered(Connection connection) {
    Watch watch = watches.get(connection);
    if (watch != null) {
      synchronized (watch) {
        watch.bytesAfterLastAnswer = connection.getBytesIn();
        watch.headStarted = false;
      }
    }
  }

  private void look(Connection connection, Watch watch) {
    synchronized (watch) {
      if (!connection.getEndPoint().isOpen()) {
        return;
      }
      if (tooSlow(connection, watch)) {
        connection.getEndPoint().close();
        return;
      }
      watch.next = scheduler.schedule(() -> look(connection, watch), headDeadline.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Whether the connection's current head has had its deadline; updates the watch. */
  private static boolean tooSlow(Connection connection, Watch watch) {
    long heads = connection.getMessagesIn();
    if (heads == 0) {
      return true; // no complete head within a deadline of opening
    }
    boolean underWay = heads > connection.getMessagesOut();
    boolean newBytes = connection.getBytesIn() > watch.bytesAfterLastAnswer;
    if (underWay || !newBytes) {
      watch.headStarted = false; // a body or a handler at work, or idle: not a head's business
      return false;
    }
    if (watch.headStarted) {
      return true; // a head begun at the last look or before, still not complete
    }
    watch.headStarted = true;
    return false;
  }

  private static InetAddress addressOf(SocketAddress address) {
    if (address instanceof InetSocketAddress socket && socket.getAddress() != null) {
      return socket.getAddress();
    }
    return InetAddress.getLoopbackAddress(); // not a TCP peer (never on this connector): one bucket
  }
}
