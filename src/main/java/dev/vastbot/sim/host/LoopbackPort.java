package dev.vastbot.sim.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1: picking a free one, checking that one is free. */
final class LoopbackPort {
  static final InetAddress ADDRESS = ipv4Loopback();

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
