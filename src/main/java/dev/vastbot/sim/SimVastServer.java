package dev.vastbot.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real HTTP server on 127.0.0.1 that speaks the Vast.ai REST API for a {@link SimMarketplace}:
 * {@code /api/v0/...} and {@code /api/v1/instances/}, with or without trailing slashes, plus the
 * sim's own {@code /_sim/faults}, {@code /_sim/state} and {@code /_sim/logs/...}. Requests are
 * served on a pool of daemon threads; {@link #close()} stops it. Thread-safe.
 */
public final class SimVastServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimVastServer.class);
  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService executor;
  private final ApiDispatcher dispatcher;

  private SimVastServer(HttpServer server, ExecutorService executor, ApiDispatcher dispatcher) {
    this.server = server;
    this.executor = executor;
    this.dispatcher = dispatcher;
  }

  /**
   * Binds 127.0.0.1:{@code port} (0 = an ephemeral port) and starts serving.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static SimVastServer start(SimMarketplace marketplace, int port) {
    // Without TCP_NODELAY every small answer waits ~40 ms for a delayed ACK (Nagle).
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
    HttpServer server;
    try {
      var address =
          new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
      server = HttpServer.create(address, 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
    }
    String origin = "http://127.0.0.1:" + server.getAddress().getPort();
    var dispatcher = new ApiDispatcher(marketplace, new ObjectMapper(), origin);
    var threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            task -> {
              var thread = new Thread(task, "sim-vast-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    var simServer = new SimVastServer(server, executor, dispatcher);
    server.createContext("/", simServer::serve);
    server.setExecutor(executor);
    server.start();
    return simServer;
  }

  /** What {@code VAST_API_URL} would be: {@code http://127.0.0.1:PORT/api/v0}. */
  public String apiUrl() {
    return origin() + "/api/v0";
  }

  /** {@code http://127.0.0.1:PORT}, the origin of both API versions and of {@code /_sim}. */
  public String origin() {
    return "http://127.0.0.1:" + port();
  }

  /** The bound port on 127.0.0.1. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops at once; answers still being held back by a slow-answer fault are abandoned. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      SimResponse response;
      try {
        response = dispatcher.dispatch(toRequest(exchange));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn(
            "sim failed to answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        response = GatewayAnswers.serverError(500);
      }
      write(exchange, response);
    }
  }

  private static SimRequest toRequest(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return new SimRequest(
        exchange.getRequestMethod().toUpperCase(),
        exchange.getRequestURI().getPath(),
        SimRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
        exchange.getRequestHeaders().getFirst("Authorization"),
        body);
  }

  private static void write(HttpExchange exchange, SimResponse response) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
