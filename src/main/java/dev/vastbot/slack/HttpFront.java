package dev.vastbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The bot's HTTP port: {@code POST /slack/events} (HTTP mode: every request's signature is
 * verified by Bolt's request verification before anything runs; a missing, stale or wrong one gets
 * 401), {@code GET /healthz} and {@code GET /metrics} (Prometheus text).
 *
 * <p>On Jetty 12's core server (no servlets): Slack's requests are small form posts answered in
 * milliseconds, and TLS is a reverse proxy's job in front of it (Slack only calls HTTPS URLs). The
 * raw request goes to Bolt's {@link SlackRequestParser} (a slash command to {@link
 * SlashCommandForms}, which reads it as that parser does, in one pass) and {@code App.run}, as
 * Bolt's own servlet adapter does. Jetty writes a small response's headers and body in one write with
 * {@code TCP_NODELAY} (the JDK's {@code com.sun.net.httpserver}, used before, wrote them in two and
 * needed {@code sun.net.httpserver.nodelay} against Nagle's 40 ms), keeps its Date header for a
 * second instead of formatting it for every answer, and keeps as many idle connections as clients
 * hold open (the JDK server closed those beyond 200). Bodies over {@value #MAX_BODY_BYTES} bytes
 * are refused (413) unread.
 */
public final class HttpFront implements AutoCloseable {
  static final int MAX_BODY_BYTES = 1 << 20;
  private static final System.Logger log = System.getLogger(HttpFront.class.getName());
  private static final String JSON = "application/json";
  private final Server server;
  private final ServerConnector connector;
  private final Optional<App> app;
  private final SlackRequestParser parser;
  private final Supplier<String> metrics;
  private final Supplier<Boolean> healthy;

  private HttpFront(Server server, ServerConnector connector, Optional<App> app, Supplier<String> metrics,
      Supplier<Boolean> healthy) {
    this.server = server;
    this.connector = connector;
    this.app = app;
    this.parser = app.map(a -> new SlackRequestParser(a.config())).orElse(null);
    this.metrics = metrics;
    this.healthy = healthy;
  }

  /**
   * Starts serving on {@code address}.
   *
   * @param app the Slack app for {@code /slack/events}; empty in Socket Mode (then that path is 404)
   * @param threadCount threads that run requests (Jetty's acceptor and selector threads come on top)
   */
  public static HttpFront start(InetSocketAddress address, Optional<App> app, Supplier<String> metrics,
      Supplier<Boolean> healthy, int threadCount) throws IOException {
    // one acceptor and one selector thread lease from the pool; the rest run requests
    var threads = new QueuedThreadPool(threadCount + 2, Math.min(threadCount + 2, 4));
    threads.setName("vastbot-http");
    threads.setDaemon(true);
    var server = new Server(threads);
    var http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    var connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(address.getAddress().getHostAddress());
    connector.setPort(address.getPort());
    connector.setAcceptQueueSize(256);
    server.addConnector(connector);
    var front = new HttpFront(server, connector, app, metrics, healthy);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
        front.handle(request, response, callback);
        return true;
      }
    });
    server.setStopAtShutdown(false);
    app.ifPresent(App::start);
    try {
      server.start();
    } catch (IOException | RuntimeException failed) {
      front.close();
      throw failed;
    } catch (Exception failed) {
      front.close();
      throw new IOException("the HTTP server did not start: " + failed.getMessage(), failed);
    }
    return front;
  }

  public int port() {
    return connector.getLocalPort();
  }

  private void handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
    try {
      String path = Request.getPathInContext(request);
      String method = request.getMethod();
      if (path.equals("/healthz") && method.equals("GET")) {
        boolean ok = healthy.get();
        send(response, callback, ok ? 200 : 503, JSON, ok ? "{\"status\":\"ok\"}" : "{\"status\":\"starting\"}");
      } else if (path.equals("/metrics") && method.equals("GET")) {
        send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
      } else if (path.equals("/slack/events") && method.equals("POST") && app.isPresent()) {
        slack(request, response, callback);
      } else {
        send(response, callback, 404, JSON, "{\"error\":\"not found\"}");
      }
    } catch (IOException | RuntimeException unexpected) {
      log.log(System.Logger.Level.ERROR, "HTTP request failed: " + unexpected.getClass().getSimpleName());
      callback.failed(unexpected);
    }
  }

  private void slack(Request request, org.eclipse.jetty.server.Response response, Callback callback)
      throws IOException {
    Optional<String> body = request.getLength() > MAX_BODY_BYTES ? Optional.empty()
        : readBody(Request.asInputStream(request));
    if (body.isEmpty()) {
      send(response, callback, 413, JSON, "{\"error\":\"request too large\"}");
      return;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getName(), name -> new ArrayList<>(1)).add(field.getValue());
    }
    var requestHeaders = new RequestHeaders(headers);
    String remoteAddress = Request.getRemoteAddr(request);
    // a slash command read in one pass; anything else (and any doubt) by Bolt's parser
    com.slack.api.bolt.request.Request<?> slackRequest =
        SlashCommandForms.parse(body.get(), requestHeaders, remoteAddress, app.get().config());
    if (slackRequest == null) {
      slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
          .requestUri(Request.getPathInContext(request))
          .queryString(Map.of())
          .headers(requestHeaders)
          .requestBody(body.get())
          .remoteAddress(remoteAddress)
          .build());
    }
    if (slackRequest == null) {
      send(response, callback, 400, JSON, "{\"error\":\"invalid request\"}");
      return;
    }
    Response answer;
    try {
      answer = app.get().run(slackRequest);
    } catch (Exception failed) {
      log.log(System.Logger.Level.ERROR, "Slack request failed: " + failed.getClass().getSimpleName());
      send(response, callback, 500, JSON, "{\"error\":\"something went wrong\"}");
      return;
    }
    if (answer.getHeaders() != null) {
      answer.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
    }
    send(response, callback, answer.getStatusCode() == null ? 200 : answer.getStatusCode(),
        answer.getContentType() == null ? "text/plain" : answer.getContentType(),
        answer.getBody() == null ? "" : answer.getBody());
  }

  /** The body, or empty when it is over the cap (the rest is not read). */
  private static Optional<String> readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    return bytes.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  /** The whole answer in one write, with its length: Jetty sends headers and body together. */
  private static void send(org.eclipse.jetty.server.Response response, Callback callback, int status,
      String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception ignored) {
      // stopping
    }
    app.ifPresent(a -> {
      try {
        a.stop();
      } catch (Exception ignored) {
        // stopping
      }
    });
  }
}
