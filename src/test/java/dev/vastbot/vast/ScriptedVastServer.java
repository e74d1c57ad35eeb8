package dev.vastbot.vast;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 that gives every request the same scripted answer, for answers the
 * simulator will not give: hostile bodies, lies about their length, bodies that never end.
 */
final class ScriptedVastServer implements AutoCloseable {
  /** One scripted answer; it may block in {@link #holdOpen()} until the server closes. */
  interface Answer {
    void write(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Answer answer = exchange -> sendJson(exchange, 404, "{}");

  ScriptedVastServer() {
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    executor =
        Executors.newCachedThreadPool(
            task -> {
              var thread = new Thread(task, "scripted-vast");
              thread.setDaemon(true);
              return thread;
            });
    server.createContext("/", this::serve);
    server.setExecutor(executor);
    server.start();
  }

  String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v0";
  }

  void answer(Answer next) {
    answer = next;
  }

  /** Blocks the answering thread until {@link #close()}: the connection stays open, silent. */
  void holdOpen() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      answer.write(exchange);
    } catch (IOException clientWentAway) {
      // the client may close the connection before the answer is written out
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
