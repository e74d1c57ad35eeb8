package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
  private static String[] exchange(Socket socket, String request) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
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
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new String[] {head.toString().split(" ")[1], head.toString(), body};
  }

  private String[] get(String path) throws IOException {
    try (var socket = new Socket("127.0.0.1", front.port())) {
      return exchange(socket, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }
  }

  @Test
  void healthAndMetrics_andEverythingElseIs404() throws Exception {
    serve(Optional.of(app()), true);
    String[] health = get("/healthz");
    assertEquals("200", health[0]);
    assertEquals("{\"status\":\"ok\"}", health[2]);
    assertTrue(health[1].toLowerCase().contains("content-type: application/json"), health[1]);
    String[] metrics = get("/metrics");
    assertEquals("200", metrics[0]);
    assertEquals("vastbot_up 1\n", metrics[2]);
    assertTrue(metrics[1].contains("text/plain; version=0.0.4"), metrics[1]);
    assertEquals("404", get("/nowhere")[0]);
    assertEquals("404", get("/slack/events")[0]); // GET
    assertTrue(!health[1].toLowerCase().contains("server:"), "no Server header: " + health[1]);
  }

  @Test
  void malformedOrOversizedHeads_getAFixedAnswer_thatEchoesNothing() throws Exception {
    serve(Optional.of(app()), true);
    try (var socket = new Socket("127.0.0.1", front.port())) {
      String[] answer = exchange(socket, "GET /healthz\u0001qZ7w HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertEquals("400", answer[0]);
      assertEquals("{\"error\":\"bad request\"}", answer[2]);
    }
    try (var socket = new Socket("127.0.0.1", front.port())) {
      String[] answer = exchange(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
          + "qZ7w".repeat(5_000) + "\r\n\r\n");
      assertEquals("431", answer[0]);
      assertEquals("{\"error\":\"bad request\"}", answer[2]);
    }
  }

  @Test
  void notHealthyIs503_andSocketModeHasNoEventsPath() throws Exception {
    serve(Optional.empty(), false);
    assertEquals("503", get("/healthz")[0]);
    try (var socket = new Socket("127.0.0.1", front.port())) {
      String[] answer = exchange(socket, "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\ncommand=x");
      assertEquals("404", answer[0]);
    }
  }

  @Test
  void aBodyOverTheCapIs413_declaredOrNot_andAnUnsignedOneIs401() throws Exception {
    serve(Optional.of(app()), true);
    try (var socket = new Socket("127.0.0.1", front.port())) {
      String[] answer = exchange(socket, "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + (HttpFront.MAX_BODY_BYTES + 1)
          + "\r\n\r\n");
      assertEquals("413", answer[0]);
    }
    try (var socket = new Socket("127.0.0.1", front.port())) {
      String chunk = "a".repeat(64 * 1024);
      var chunked = new StringBuilder("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
      for (int sent = 0; sent <= HttpFront.MAX_BODY_BYTES; sent += chunk.length()) {
        chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
      }
      String[] answer = exchange(socket, chunked.append("0\r\n\r\n").toString());
      assertEquals("413", answer[0], "no declared length: counted as it comes");
    }
    try (var socket = new Socket("127.0.0.1", front.port())) {
      String body = "command=%2Fvast&text=help&trigger_id=t1";
      String[] answer = exchange(socket, "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
      assertEquals("401", answer[0]);
      assertEquals("{\"error\":\"invalid request\"}", answer[2]);
    }
  }
}
