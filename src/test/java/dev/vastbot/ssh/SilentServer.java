package dev.vastbot.ssh;

import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.remote.SshTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Accepts TCP connections on 127.0.0.1 and never says a word: an SSH server that hangs. */
final class SilentServer implements AutoCloseable {
  private final ServerSocket socket;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  SilentServer() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::acceptForever, "silent-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptForever() {
    try {
      while (!socket.isClosed()) {
        accepted.add(socket.accept());
      }
    } catch (IOException closed) {
      // close() ends the loop
    }
  }

  SshTarget target(long instanceId) {
    return new SshTarget(instanceId, new HostPort("127.0.0.1", socket.getLocalPort()));
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : accepted) {
      connection.close();
    }
  }
}
