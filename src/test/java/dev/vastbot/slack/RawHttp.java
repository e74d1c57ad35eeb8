package dev.vastbot.slack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 by hand over a socket, for tests that need what a client library will not do: a half
 * sent head, a stalled body, a connection from a chosen loopback address.
 */
final class RawHttp {
  private RawHttp() {}

  /** An answer: status code, head (status line and headers) and body (Content-Length framed). */
  record Answer(int status, String head, String body) {}

  /** A connection to {@code port} on 127.0.0.1 from {@code localAddress} (any 127.x.y.z works on Linux). */
  static Socket connectFrom(String localAddress, int port) throws IOException {
    var socket = new Socket();
    socket.bind(new InetSocketAddress(localAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    return socket;
  }

  /** Writes {@code text} (ISO-8859-1) as is. */
  static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Sends {@code request} and reads one answer, waiting at most {@code bound} for each read. */
  static Answer exchange(Socket socket, String request, Duration bound) throws IOException {
    write(socket, request);
    return read(socket, bound);
  }

  /** Reads one answer; a read that waits longer than {@code bound} throws SocketTimeoutException. */
  static Answer read(Socket socket, Duration bound) throws IOException {
    socket.setSoTimeout((int) bound.toMillis());
    InputStream in = socket.getInputStream();
    var head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after: " + head);
      }
      head.append((char) b);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Answer(Integer.parseInt(head.toString().split(" ")[1]), head.toString(), body);
  }

  /**
   * Whether the server closed the connection within {@code bound}: reads (and drops) whatever it
   * sends until the end of the stream or a reset, or until nothing came for {@code bound}.
   */
  static boolean closedWithin(Socket socket, Duration bound) throws IOException {
    socket.setSoTimeout((int) bound.toMillis());
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (in.read(buffer) >= 0) {
        // an answer before the close (408, say): read past it
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }
}
