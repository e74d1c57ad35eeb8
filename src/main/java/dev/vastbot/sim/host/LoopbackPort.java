package dev.vastbot.sim.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on 127.0.0.1: picking a free one, checking that one is free. */
final class LoopbackPort {
  static final InetAddress ADDRESS = ipv4Loopback();

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private LoopbackPort() {}

  private static InetAddress ipv4Loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port nothing listens on right now (the OS's pick). */
  static int pickFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, ADDRESS)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /**
   * A free port for a server that binds it later (a host's P2P orchestrator starts when the bot
   * provisions it), taken below the kernel's ephemeral range: a port the OS hands out for port 0 is
   * also where outgoing connections (SSH, JDBC) get their local ports, so one could take it before
   * the orchestrator binds. A port handed out is not handed out again by this process (another
   * host's orchestrator may not have bound its port yet). Falls back to the OS's pick when there is
   * no room below the range.
   */
  static int pickForLaterBind() {
    int low = ephemeralLow();
    int from = 10_000;
    if (low - from >= 1_000) {
      var random = ThreadLocalRandom.current();
      for (int attempt = 0; attempt < 200; attempt++) {
        int port = random.nextInt(from, low);
        if (isFree(port) && HANDED_OUT.add(port)) {
          return port;
        }
      }
    }
    return pickFree();
  }

  private static int ephemeralLow() {
    try {
      // a reader, not Files.readString: /proc reports a size the JDK trusts and reads short
      try (var in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
        String range = String.valueOf(in.readLine()).strip();
        return Integer.parseInt(range.split("\\s+")[0]);
      }
    } catch (IOException | RuntimeException e) {
      return 32_768; // Linux's default
    }
  }

  /** Whether 127.0.0.1:{@code port} can be bound now. */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(ADDRESS, port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
