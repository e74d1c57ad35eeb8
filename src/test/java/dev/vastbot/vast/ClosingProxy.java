package dev.vastbot.vast;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on 127.0.0.1 in front of a Vast server (the simulator) that closes client
 * connections the way servers do without saying so, never with {@code Connection: close}: after
 * each answer ({@link Closing#AFTER_EACH_ANSWER}, as an HTTP/1.0-style proxy), or once a
 * connection has been idle for a while on the test clock ({@link Closing#WHEN_IDLE}, as a server
 * whose keep-alive timeout is shorter than the client's pace). A request that comes on a connection
 * it has closed is counted as {@link Outcome#STALE}, never forwarded, and the connection is closed:
 * the client reads the end of the stream where the answer should be. With {@link
 * #rateLimitEveryOtherRequest()} it answers 429 to the first, third, fifth... request it would
 * forward, as Vast does in a burst; with {@link #breakConnectionAfterForwardingNext} it drops a
 * connection after the server took the request. Each forwarded request reaches the server on a
 * connection of its own. Thread-safe.
 */
final class ClosingProxy implements AutoCloseable {
  enum Closing {
    AFTER_EACH_ANSWER,
    WHEN_IDLE
  }

  enum Outcome {
    /** Came on a connection the proxy had closed; the server never saw it. */
    STALE,
    /** Answered 429 by the proxy; the server never saw it. */
    RATE_LIMITED,
    /** Passed to the server, which answered it. */
    FORWARDED
  }

  /** One request that reached the proxy; {@code path} without the query. */
  record Hit(Outcome outcome, String method, String path) {}

  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final String TOO_FREQUENT = "API requests too frequent";

  private final Closing closing;
  private final Duration idleLimit;
  private final Clock clock;
  private final int upstreamPort;
  private final ServerSocket listener;
  private final ExecutorService threads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<Hit> hits = new ArrayList<>();
  private boolean rateLimitEveryOther;
  private int passed;
  private String breakAfterForwarding;

  private ClosingProxy(Closing closing, Duration idleLimit, Clock clock, int upstreamPort) {
    this.closing = closing;
    this.idleLimit = idleLimit;
    this.clock = clock;
    this.upstreamPort = upstreamPort;
    try {
      listener = new ServerSocket(0, 50, loopback());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads =
        Executors.newCachedThreadPool(
            task -> {
              var thread = new Thread(task, "closing-proxy");
              thread.setDaemon(true);
              return thread;
            });
    threads.execute(this::acceptConnections);
  }

  /**
   * In front of 127.0.0.1:{@code upstreamPort}; with {@link Closing#WHEN_IDLE}, a connection is
   * closed once {@code idleLimit} has passed on {@code clock} since its last answer.
   */
  static ClosingProxy start(Closing closing, Duration idleLimit, Clock clock, int upstreamPort) {
    return new ClosingProxy(closing, idleLimit, clock, upstreamPort);
  }

  /** {@code http://127.0.0.1:PORT/api/v0}, the proxied API. */
  String apiUrl() {
    return "http://127.0.0.1:" + listener.getLocalPort() + "/api/v0";
  }

  /** From now on the first of every two requests that would be forwarded is answered 429. */
  synchronized void rateLimitEveryOtherRequest() {
    rateLimitEveryOther = true;
    passed = 0;
  }

  /**
   * The next request to this method and path prefix is forwarded and answered by the server, but
   * the proxy closes the client connection instead of passing the answer on.
   */
  synchronized void breakConnectionAfterForwardingNext(String method, String pathPrefix) {
    breakAfterForwarding = method + " " + pathPrefix;
  }

  synchronized List<Hit> hits() {
    return List.copyOf(hits);
  }

  /** How many requests had this outcome. */
  synchronized long count(Outcome outcome) {
    return hits.stream().filter(hit -> hit.outcome() == outcome).count();
  }

  /** How many requests to this method and path prefix had this outcome. */
  synchronized long count(Outcome outcome, String method, String pathPrefix) {
    return hits.stream()
        .filter(hit -> hit.outcome() == outcome && hit.method().equals(method)
            && hit.path().startsWith(pathPrefix))
        .count();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    open.forEach(ClosingProxy::closeQuietly);
    threads.shutdownNow();
  }

  private void acceptConnections() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        client.setTcpNoDelay(true);
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Answers the requests of one client connection until it is closed, by either side. */
  private void serve(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      boolean answered = false;
      Instant lastAnswer = clock.instant();
      while (true) {
        HttpMessage request = HttpMessage.read(in);
        if (request == null) {
          return;
        }
        String[] requestLine = request.startLine().split(" ");
        String method = requestLine[0];
        String path = requestLine[1].replaceFirst("\\?.*$", "");
        if (closedBefore(answered, lastAnswer)) {
          record(Outcome.STALE, method, path);
          return;
        }
        if (takeBreak(method, path)) {
          forward(request);
          record(Outcome.FORWARDED, method, path);
          return;
        }
        byte[] answer = answer(request, method, path);
        lastAnswer = clock.instant(); // before the client can read the answer and move the clock
        answered = true;
        out.write(answer);
        out.flush();
        if (closing == Closing.AFTER_EACH_ANSWER) {
          client.shutdownOutput(); // the FIN; anything the client sends next is stale
        }
      }
    } catch (IOException clientWentAway) {
      // the client may close a connection at any time
    } finally {
      open.remove(client);
    }
  }

  private boolean closedBefore(boolean answered, Instant lastAnswer) {
    return switch (closing) {
      case AFTER_EACH_ANSWER -> answered;
      case WHEN_IDLE -> answered && !clock.instant().isBefore(lastAnswer.plus(idleLimit));
    };
  }

  private byte[] answer(HttpMessage request, String method, String path) throws IOException {
    if (takeRateLimit()) {
      record(Outcome.RATE_LIMITED, method, path);
      return HttpMessage.of("HTTP/1.1 429 Too Many Requests", List.of("Content-Type: text/plain"),
          TOO_FREQUENT.getBytes(StandardCharsets.UTF_8)).bytes();
    }
    HttpMessage response = forward(request);
    record(Outcome.FORWARDED, method, path);
    return response.bytes();
  }

  private synchronized boolean takeRateLimit() {
    return rateLimitEveryOther && passed++ % 2 == 0;
  }

  private synchronized boolean takeBreak(String method, String path) {
    if (breakAfterForwarding == null || !(method + " " + path).startsWith(breakAfterForwarding)) {
      return false;
    }
    breakAfterForwarding = null;
    return true;
  }

  private synchronized void record(Outcome outcome, String method, String path) {
    hits.add(new Hit(outcome, method, path));
  }

  /** The server's answer, on a connection opened for this request and closed after it. */
  private HttpMessage forward(HttpMessage request) throws IOException {
    try (Socket upstream = new Socket(loopback(), upstreamPort)) {
      upstream.setTcpNoDelay(true);
      OutputStream out = upstream.getOutputStream();
      out.write(request.withHeader("Connection: close").bytes());
      out.flush();
      HttpMessage response = HttpMessage.read(new BufferedInputStream(upstream.getInputStream()));
      if (response == null) {
        throw new IOException("the server closed without answering");
      }
      return response;
    }
  }

  private static InetAddress loopback() throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /**
   * An HTTP/1.1 request or response as the proxy passes it on: start line, headers other than
   * the framing ones ({@code Connection}, {@code Content-Length}, {@code Transfer-Encoding}), and
   * the body, which {@link #bytes()} frames with a {@code Content-Length}.
   */
  private record HttpMessage(String startLine, List<String> headers, byte[] body) {
    private static final Set<String> FRAMING =
        Set.of("connection", "content-length", "transfer-encoding");

    static HttpMessage of(String startLine, List<String> headers, byte[] body) {
      return new HttpMessage(startLine, headers, body);
    }

    /** The next message on {@code in}, or null when the stream ends before one begins. */
    static HttpMessage read(InputStream in) throws IOException {
      String startLine = readLine(in);
      if (startLine == null) {
        return null;
      }
      List<String> headers = new ArrayList<>();
      long length = -1;
      for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
        String name = line.substring(0, Math.max(line.indexOf(':'), 0)).trim()
            .toLowerCase(Locale.ROOT);
        if (name.equals("transfer-encoding")) {
          throw new IOException("chunked bodies are not supported: " + line);
        }
        if (name.equals("content-length")) {
          length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        }
        if (!FRAMING.contains(name)) {
          headers.add(line);
        }
      }
      boolean isRequest = !startLine.startsWith("HTTP/");
      byte[] body = length >= 0 ? in.readNBytes((int) length)
          : isRequest ? new byte[0] : in.readAllBytes();
      return new HttpMessage(startLine, headers, body);
    }

    HttpMessage withHeader(String header) {
      List<String> more = new ArrayList<>(headers);
      more.add(header);
      return new HttpMessage(startLine, more, body);
    }

    byte[] bytes() {
      var out = new ByteArrayOutputStream();
      writeLine(out, startLine);
      headers.forEach(header -> writeLine(out, header));
      writeLine(out, "Content-Length: " + body.length);
      out.writeBytes(CRLF);
      out.writeBytes(body);
      return out.toByteArray();
    }

    private static void writeLine(ByteArrayOutputStream out, String line) {
      out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(CRLF);
    }

    /** A line without its CRLF, or null at the end of the stream before any byte of it. */
    private static String readLine(InputStream in) throws IOException {
      var line = new ByteArrayOutputStream();
      for (int b = in.read(); b != -1; b = in.read()) {
        if (b == '\n') {
          String text = line.toString(StandardCharsets.ISO_8859_1);
          return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
        line.write(b);
      }
      return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
