package dev.vastbot.slack;

import com.slack.api.bolt.App;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The bot's HTTP port: {@code POST /slack/events} in HTTP mode ({@link SlackRoute}: the signature
 * checked on the raw body before anything parses it, 401 otherwise), {@code GET /healthz} and
 * {@code GET /metrics} (Prometheus text); anything else is 404. Meant to sit behind a TLS proxy
 * (Slack only calls https URLs), so {@code serve} binds 127.0.0.1 unless told otherwise.
 *
 * <p>On Jetty 12's core server, which reads request heads and bodies without holding a thread.
 * What a slow or greedy client can take is bounded ({@link HttpLimits}): a request head must
 * arrive within one to two head deadlines ({@link ConnectionGuard}) and its body within the body
 * deadline (else 408), one client address holds at most so many connections, and the port at most
 * so many in all. A verified Slack request runs on one of the Slack workers, never on Jetty's own
 * threads, so {@code /healthz} and {@code /metrics} answer while every worker is busy. Bodies over
 * {@value #MAX_BODY_BYTES} bytes are refused (413) unread. Jetty writes an answer's head and body
 * in one write and sets {@code TCP_NODELAY} on every connection, so no answer waits on Nagle's
 * algorithm (the JDK's server, used before, needed {@code sun.net.httpserver.nodelay} for that).
 * No request body, header value or signature is logged. Why Jetty and not the JDK's {@code
 * com.sun.net.httpserver}: {@code bench/README.md}.
 */
public final class HttpFront implements AutoCloseable {
  static final int MAX_BODY_BYTES = 1 << 20;
  static final String JSON = "application/json";
  /** Jetty's own threads: the acceptor, the selectors and the few that parse and answer. */
  private static final int JETTY_THREADS = 12;
  /**
   * Selectors read heads and run the handler (read, check, queue): two, so that a burst's heads
   * are parsed and checked on both cores of a small machine (Jetty's default is one there; the
   * first burst of 200 after the warm-up had a p99 median of 21 ms with two, 24 ms with one).
   */
  private static final int SELECTORS = 2;
  private final Server server;
  private final ServerConnector connector;
  private final Optional<App> app;
  private final Optional<SlackRoute> slack;
  private final Supplier<String> metrics;
  private final Supplier<Boolean> healthy;
  private final ConnectionGuard guard;

  private HttpFront(Server server, Optional<App> app, Clock clock, Supplier<String> metrics,
      Supplier<Boolean> healthy, HttpLimits limits) {
    this.server = server;
    this.app = app;
    this.slack = app.map(a -> new SlackRoute(new SlackEvents(a, clock), limits));
    this.metrics = metrics;
    this.healthy = healthy;
    var http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    this.connector = new ServerConnector(server, 1, SELECTORS, new HttpConnectionFactory(http));
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    connector.setAcceptQueueSize(256);
    this.guard = new ConnectionGuard(limits.connectionsPerClient(), limits.headDeadline(), server.getScheduler());
    connector.addBean(guard);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
  }

  /** {@link #start(InetSocketAddress, Optional, Supplier, Supplier, HttpLimits, Clock)} with the default limits. */
  public static HttpFront start(InetSocketAddress address, Optional<App> app, Supplier<String> metrics,
      Supplier<Boolean> healthy, int slackWorkers) throws IOException {
    return start(address, app, metrics, healthy, HttpLimits.DEFAULT.withSlackWorkers(slackWorkers), Clock.systemUTC());
  }

  /**
   * Starts serving on {@code address}.
   *
   * @param app the Slack app for {@code /slack/events}, with its signing secret; empty in Socket
   *     Mode (then that path is 404)
   * @param clock what request timestamps are checked against
   * @throws IllegalArgumentException when the app has no signing secret
   * @throws IOException when the address cannot be bound
   */
  public static HttpFront start(InetSocketAddress address, Optional<App> app, Supplier<String> metrics,
      Supplier<Boolean> healthy, HttpLimits limits, Clock clock) throws IOException {
    var threads = new QueuedThreadPool(JETTY_THREADS, 4);
    threads.setName("vastbot-http");
    threads.setDaemon(true);
    var front = new HttpFront(new Server(threads), app, clock, metrics, healthy, limits);
    front.connector.setHost(address.getAddress().getHostAddress());
    front.connector.setPort(address.getPort());
    front.server.setHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        return front.handle(request, response, callback);
      }
    });
    front.server.setErrorHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        return answerError(request, response, callback);
      }
    });
    app.ifPresent(App::start);
    try {
      front.server.start();
    } catch (Exception failed) {
      front.close();
      throw failed instanceof IOException io ? io
          : new IOException("the HTTP server did not start: " + failed.getClass().getSimpleName(), failed);
    }
    return front;
  }

  public int port() {
    return connector.getLocalPort();
  }

  private boolean handle(Request request, Response response, Callback callback) {
    Request.addCompletionListener(request, failure ->
        guard.answered(request.getConnectionMetaData().getConnection()));
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    if (path.equals("/healthz") && method.equals("GET")) {
      boolean ok = healthy.get();
      send(response, callback, ok ? 200 : 503, JSON, ok ? "{\"status\":\"ok\"}" : "{\"status\":\"starting\"}");
    } else if (path.equals("/metrics") && method.equals("GET")) {
      request.getComponents().getExecutor().execute(() ->
          send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
    } else if (path.equals("/slack/events") && method.equals("POST") && slack.isPresent()) {
      slack.get().handle(request, response, callback);
    } else {
      send(response, callback, 404, JSON, "{\"error\":\"not found\"}");
    }
    return true;
  }

  /** Jetty's own refusals (a malformed head, a head too large): a fixed body, nothing echoed. */
  private static boolean answerError(Request request, Response response, Callback callback) {
    int status = response.getStatus() >= 400 ? response.getStatus() : 400;
    send(response, callback, status, JSON, "{\"error\":\"bad request\"}");
    return true;
  }

  /** The whole answer in one write, with its length. */
  static void send(Response response, Callback callback, int status, String contentType, String body) {
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
    slack.ifPresent(SlackRoute::close);
    app.ifPresent(a -> {
      try {
        a.stop();
      } catch (Exception ignored) {
        // stopping
      }
    });
  }
}
