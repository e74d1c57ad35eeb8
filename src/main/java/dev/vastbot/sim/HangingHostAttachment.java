package dev.vastbot.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Unreachable SSH endpoints, a share of them hung: for {@code hangingPercent} % of the instances
 * (chosen by id, the same each run) a socket on 127.0.0.1 that is listening but never accepts,
 * so a client's TCP connect succeeds (the kernel completes it) and then no SSH banner ever comes,
 * as with a host whose sshd hangs; the others get {@link UnreachableHostAttachment}'s port, where
 * nothing listens (refused at once). No thread per host: nothing is ever read or written.
 * Thread-safe; {@link #close()} closes every listening socket.
 */
public final class HangingHostAttachment implements HostAttachment, AutoCloseable {
  private static final int BACKLOG = 1024;
  private final int hangingPercent;
  private final HostAttachment refused = new UnreachableHostAttachment();
  private final Map<Long, ServerSocketChannel> hanging = new HashMap<>();

  /** @param hangingPercent 0..100: the share of instances whose endpoint hangs */
  public HangingHostAttachment(int hangingPercent) {
    if (hangingPercent < 0 || hangingPercent > 100) {
      throw new IllegalArgumentException("hanging percent must be 0..100, got " + hangingPercent);
    }
    this.hangingPercent = hangingPercent;
  }

  /** Whether this instance's endpoint hangs (else nothing listens there). */
  public boolean hangs(long instanceId) {
    return new SplittableRandom(instanceId).nextInt(100) < hangingPercent;
  }

  @Override
  public synchronized InetSocketAddress attach(long instanceId, String gpuName, int numGpus) {
    if (!hangs(instanceId)) {
      return refused.attach(instanceId, gpuName, numGpus);
    }
    ServerSocketChannel socket = hanging.get(instanceId);
    if (socket == null) {
      socket = listen();
      hanging.put(instanceId, socket);
    }
    return new InetSocketAddress("127.0.0.1", socket.socket().getLocalPort());
  }

  @Override
  public synchronized void detach(long instanceId) {
    closeQuietly(hanging.remove(instanceId));
  }

  /** How many hung endpoints are open now. */
  public synchronized int hangingNow() {
    return hanging.size();
  }

  @Override
  public synchronized void close() {
    hanging.values().forEach(HangingHostAttachment::closeQuietly);
    hanging.clear();
  }

  private static ServerSocketChannel listen() {
    try {
      ServerSocketChannel socket = ServerSocketChannel.open();
      socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), BACKLOG);
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1 for a hung host", e);
    }
  }

  private static void closeQuietly(ServerSocketChannel socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
