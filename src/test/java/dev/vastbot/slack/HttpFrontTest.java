package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HttpFront}'s own answers, over raw HTTP/1.1 on loopback: paths and limits. */
class HttpFrontTest {
  private HttpFront front;

  @AfterEach
  void stop() {
    if (front != null) {
      front.close();
    }
  }

  private void serve(Optional<App> app, boolean healthy) throws IOException {
    var up = new AtomicBoolean(healthy);
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), app, () -> "vastbot_up 1\n", up::get, 2);
  }

  private static App app() {
    return new SigningApp(AppConfig.builder().signingSecret("front-test-secret").build());
  }

  /** One request on {@code socket}; the status, headers and body of its answer (Content-Length framed). */
  private static RawHttp.Answer exchange(Socket socket, String request) throws IOException {
    return RawHttp.exchange(socket, request, Duration.ofSeconds(10));
  }

  private RawHttp.Answer get(String path) throws IOException {
    try (var socket = new Socket("127.0.0.1", front.port())) {
      return exchange(socket, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }
  }

  @Test
  void healthAndMetrics_andEverythingElseIs404() throws Exception {
    serve(Optional.of(app()), true);
    RawHttp.Answer health = get("/healthz");
    assertEquals(200, health.status());
    assertEquals("{\"status\":\"ok\"}", health.body());
    assertTrue(health.head().toLowerCase().contains("content-type: application/json"), health.head());
    RawHttp.Answer metrics = get("/metrics");
    assertEquals(200, metrics.status());
    assertEquals("vastbot_up 1\n", metrics.body());
    assertTrue(metrics.head().contains("text/plain; version=0.0.4"), metrics.head());
    assertEquals(404, get("/nowhere").status());
    assertEquals(404, get("/slack/events").status()); // GET
    assertTrue(!health.head().toLowerCase().contains("server:"), "no Server header: " + health.head());
  }

  @Test
  void malformedOrOversizedHeads_getAFixedAnswer_thatEchoesNothing() throws Exception {
    serve(Optional.of(app()), true);
    try (var socket = new Socket("127.0.0.1", front.port())) {
      RawHttp.Answer answer = exchange(socket, "GET /healthz\u0001qZ7w HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertEquals(400, answer.status());
      assertEquals("{\"error\":\"bad request\"}", answer.body());
    }
    try (var socket = new Socket("127.0.0.1", front.port())) {
      RawHttp.Answer answer = exchange(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
          + "qZ7w".repeat(5_000) + "\r\n\r\n");
      assertEquals(431, answer.status());
      assertEquals("{\"error\":\"bad request\"}", answer.body());
    }
  }

  @Test
  void notHealthyIs503_andSocketModeHasNoEventsPath() throws Exception {
    serve(Optional.empty(), false);
    assertEquals(503, get("/healthz").status());
    try (var socket = new Socket("127.0.0.1", front.port())) {
      RawHttp.Answer answer = exchange(socket, "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\ncommand=x");
      assertEquals(404, answer.status());
    }
  }

  @Test
  void aBodyOverTheCapIs413_declaredOrNot_andAnUnsignedOneIs401() throws Exception {
    serve(Optional.of(app()), true);
    try (var socket = new Socket("127.0.0.1", front.port())) {
      RawHttp.Answer answer = exchange(socket, "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + (HttpFront.MAX_BODY_BYTES + 1)
          + "\r\n\r\n");
      assertEquals(413, answer.status());
    }
    try (var socket = new Socket("127.0.0.1", front.port())) {
      String chunk = "a".repeat(64 * 1024);
      var chunked = new StringBuilder("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
      for (int sent = 0; sent <= HttpFront.MAX_BODY_BYTES; sent += chunk.length()) {
        chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
      }
      RawHttp.Answer answer = exchange(socket, chunked.append("0\r\n\r\n").toString());
      assertEquals(413, answer.status(), "no declared length: counted as it comes");
    }
    try (var socket = new Socket("127.0.0.1", front.port())) {
      String body = "command=%2Fvast&text=help&trigger_id=t1";
      RawHttp.Answer answer = exchange(socket, "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
      assertEquals(401, answer.status());
      assertEquals("{\"error\":\"invalid request\"}", answer.body());
    }
  }
}
