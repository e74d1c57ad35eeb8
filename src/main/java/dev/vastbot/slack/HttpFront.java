package dev.vastbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bot's HTTP port: {@code POST /slack/events} (HTTP mode: every request's signature is
 * verified by Bolt's request verification before anything runs; a missing, stale or wrong one gets
 * 401), {@code GET /healthz} and {@code GET /metrics} (Prometheus text).
 *
 * <p>On the JDK's own HTTP server: Slack's requests are small form posts answered in
 * milliseconds, and TLS is a reverse proxy's job in front of it (Slack only calls HTTPS URLs), so
 * a servlet container would add a dependency and nothing this port needs (Jetty 12's core server
 * was tried in its place: the same answers, but in {@code bench/ack}'s first rounds, while the
 * JIT compiles, 200 commands at once took longer on it, and no shorter once warm). The raw
 * request goes to Bolt's {@link SlackRequestParser} (a slash command to {@link
 * SlashCommandForms}, which reads it as that parser does, in one pass) and {@code App.run}, as
 * Bolt's own servlet adapter does. Bodies over {@value #MAX_BODY_BYTES} bytes are refused (413)
 * unread.
 *
 * <p>The JDK's server writes a response's headers and its body in two writes, and without
 * {@code TCP_NODELAY} (its default) Nagle's algorithm holds the body back until the client
 * acknowledges the headers, which a client that delays its acknowledgements does some 40 ms
 * later: every answer took about 45 ms on loopback ({@code bench/ack}). So this class sets the
 * server's {@value #NODELAY_PROPERTY} property to true unless it is set already; the JDK reads it
 * once, when the first server of the process is made.
 */
public final class HttpFront implements AutoCloseable {
  static final int MAX_BODY_BYTES = 1 << 20;
  static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
  private static final System.Logger log = System.getLogger(HttpFront.class.getName());
  private final HttpServer server;
  private final ExecutorService threads;
  private final Optional<App> app;
  private final SlackRequestParser parser;
  private final Supplier<String> metrics;
  private final Supplier<Boolean> healthy;

  static {
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
  }

  private HttpFront(HttpServer server, ExecutorService threads, Optional<App> app, Supplier<String> metrics,
      Supplier<Boolean> healthy) {
    this.server = server;
    this.threads = threads;
    this.app = app;
    this.parser = app.map(a -> new SlackRequestParser(a.config())).orElse(null);
    this.metrics = metrics;
    this.healthy = healthy;
  }

  /**
   * Starts serving on {@code address}.
   *
   * @param app the Slack app for {@code /slack/events}; empty in Socket Mode (then that path is 404)
   */
  public static HttpFront start(InetSocketAddress address, Optional<App> app, Supplier<String> metrics,
      Supplier<Boolean> healthy, int threadCount) throws IOException {
    HttpServer server = HttpServer.create(address, 256);
    var count = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(threadCount, task -> {
      Thread thread = new Thread(task, "vastbot-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    var front = new HttpFront(server, threads, app, metrics, healthy);
    server.createContext("/", front::handle);
    server.setExecutor(threads);
    app.ifPresent(App::start);
    server.start();
    return front;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals("/healthz") && method.equals("GET")) {
        boolean ok = healthy.get();
        send(exchange, ok ? 200 : 503, "application/json", ok ? "{\"status\":\"ok\"}" : "{\"status\":\"starting\"}");
      } else if (path.equals("/metrics") && method.equals("GET")) {
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
      } else if (path.equals("/slack/events") && method.equals("POST") && app.isPresent()) {
        slack(exchange);
      } else {
        send(exchange, 404, "application/json", "{\"error\":\"not found\"}");
      }
    } catch (RuntimeException unexpected) {
      log.log(System.Logger.Level.ERROR, "HTTP request failed: " + unexpected.getClass().getSimpleName());
    }
  }

  private void slack(HttpExchange exchange) throws IOException {
    Optional<String> body = declaredLength(exchange) > MAX_BODY_BYTES ? Optional.empty()
        : readBody(exchange.getRequestBody());
    if (body.isEmpty()) {
      send(exchange, 413, "application/json", "{\"error\":\"request too large\"}");
      return;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach(headers::put);
    var requestHeaders = new RequestHeaders(headers);
    String remoteAddress = exchange.getRemoteAddress().getAddress().getHostAddress();
    // a slash command read in one pass; anything else (and any doubt) by Bolt's parser
    Request<?> request = SlashCommandForms.parse(body.get(), requestHeaders, remoteAddress, app.get().config());
    if (request == null) {
      request = parser.parse(SlackRequestParser.HttpRequest.builder()
          .requestUri(exchange.getRequestURI().getPath())
          .queryString(Map.of())
          .headers(requestHeaders)
          .requestBody(body.get())
          .remoteAddress(remoteAddress)
          .build());
    }
    if (request == null) {
      send(exchange, 400, "application/json", "{\"error\":\"invalid request\"}");
      return;
    }
    Response response;
    try {
      response = app.get().run(request);
    } catch (Exception failed) {
      log.log(System.Logger.Level.ERROR, "Slack request failed: " + failed.getClass().getSimpleName());
      send(exchange, 500, "application/json", "{\"error\":\"something went wrong\"}");
      return;
    }
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    }
    send(exchange, response.getStatusCode() == null ? 200 : response.getStatusCode(),
        response.getContentType() == null ? "text/plain" : response.getContentType(),
        response.getBody() == null ? "" : response.getBody());
  }

  /** The request's Content-Length, or -1 when it has none (or none that reads as a number). */
  private static long declaredLength(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      return length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException unreadable) {
      return -1;
    }
  }

  /** The body, or empty when it is over the cap (the rest is not read). */
  private static Optional<String> readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    return bytes.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    app.ifPresent(a -> {
      try {
        a.stop();
      } catch (Exception ignored) {
        // stopping
      }
    });
  }
}
