package dev.vastbot.sim.host;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A hung SSH server: accepts TCP connections on 127.0.0.1:{@code port} and never sends a byte, so a
 * client waits for the SSH banner until its own timeout. Holds every connection until closed.
 */
final class SilentListener implements AutoCloseable {
  private final ServerSocket socket;
  private final List<Socket> held = new ArrayList<>();

  private SilentListener(ServerSocket socket) {
    this.socket = socket;
  }

  /** Binds the port and starts accepting on a daemon thread. */
  static SilentListener open(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(LoopbackPort.ADDRESS, port), 50);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    SilentListener listener = new SilentListener(socket);
    Thread acceptor = new Thread(listener::acceptForever, "sim-host-silent-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
    return listener;
  }

  private void acceptForever() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        synchronized (held) {
          if (socket.isClosed()) {
            connection.close();
          } else {
            held.add(connection);
          }
        }
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    synchronized (held) {
      for (Socket connection : held) {
        try {
          connection.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
      held.clear();
    }
  }
}
