package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.bolt.AppConfig;
import dev.vastbot.testing.CapturedLogs;
import dev.vastbot.testing.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No part of a refused request's body reaches a log line, at any level: 1 MiB bodies, unsigned,
 * wrongly signed and signed for next year, sent over HTTP to {@link HttpFront} while every log
 * event of the process is captured (root at ALL, Bolt's request parser included; only Jetty keeps
 * the level the project gives it, as its DEBUG lines dump the bytes it reads). Each body is one 8-character mark repeated, so any 8 characters of it are a rotation of
 * the mark, and the log text is searched for every rotation.
 */
class HttpFrontBodyLogTest {
  private static final String SECRET = "body-log-test-secret";
  private static final String MARK = "qZ7wV3xK";
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private final MutableClock clock = MutableClock.at("2026-12-01T12:00:00Z");
  private final SignedRequests signed = new SignedRequests(SECRET, clock);
  private final OkHttpClient http = new OkHttpClient.Builder().proxy(java.net.Proxy.NO_PROXY).build();
  private HttpFront front;

  @BeforeEach
  void serve() throws IOException {
    var app = new SigningApp(AppConfig.builder().signingSecret(SECRET).build());
    app.command("/vast", (request, context) -> context.ack("ran"));
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(app), () -> "", () -> true,
        HttpLimits.DEFAULT.withSlackWorkers(2), clock);
  }

  @AfterEach
  void stop() {
    front.close();
  }

  /** {@code prefix} and then the mark, repeated, to exactly 1 MiB. */
  private static String mebibyte(String prefix) {
    var body = new StringBuilder(prefix);
    while (body.length() < HttpFront.MAX_BODY_BYTES) {
      body.append(MARK);
    }
    return body.substring(0, HttpFront.MAX_BODY_BYTES);
  }

  private int post(String body, Map<String, String> headers) throws IOException {
    var builder = new Request.Builder().url("http://127.0.0.1:" + front.port() + "/slack/events")
        .post(RequestBody.create(body, FORM));
    headers.forEach(builder::header);
    try (Response response = http.newCall(builder.build()).execute()) {
      return response.code();
    }
  }

  @Test
  void refusedMebibyteBodies_neverReachALogLine() throws Exception {
    String junk = mebibyte("");
    String command = mebibyte("command=%2Fvast&text=");
    List<Integer> statuses = new ArrayList<>();
    List<String> lines;
    // Jetty's DEBUG lines show bytes off the wire; the project never logs it below INFO (LogSetup)
    try (var logs = CapturedLogs.everything("org.eclipse.jetty")) {
      statuses.add(post(junk, Map.of()));
      statuses.add(post(command, Map.of()));
      statuses.add(post(junk, signed.event(junk).withWrongSignature().headers()));
      statuses.add(post(command, signed.slashCommand(Map.of()).withWrongSignature().headers()));
      statuses.add(post(command, signed.event(command).signedAt(clock.instant().plus(Duration.ofDays(365)))
          .headers()));
      lines = logs.lines(); // all logged by now: a request is logged, if at all, before it is answered
    }

    String text = String.join("\n", lines);
    for (int i = 0; i < MARK.length(); i++) {
      String rotation = MARK.substring(i) + MARK.substring(0, i);
      assertFalse(text.contains(rotation), "8 characters of a body in a log line: " + excerpt(text, rotation));
    }
    assertFalse(text.contains("command=%2Fvast"), excerpt(text, "command=%2Fvast"));
    assertTrue(lines.stream().anyMatch(l -> l.contains("refused a Slack request from 127.0.0.1: a signature that "
        + "does not match the body")), "the refusals are logged (so the capture works): " + lines.size() + " lines");
    assertEquals(List.of(401, 401, 401, 401, 401), statuses);
  }

  @Test
  void signedBodies_runOrRefusedAsUnparsable_neverReachALogLine() throws Exception {
    String command = SignedRequests.formBody(Map.of("command", "/vast", "text", MARK.repeat(4),
        "response_url", "https://hooks.slack.com/commands/T0/1/" + MARK));
    String junk = MARK.repeat(64);
    List<Integer> statuses = new ArrayList<>();
    String text;
    // as the project configures logging: Jetty at INFO at most, Bolt's request parser off (LogSetup)
    try (var logs = CapturedLogs.everything("org.eclipse.jetty", "com.slack.api.bolt.util.SlackRequestParser")) {
      statuses.add(post(command, signed.event(command).headers()));
      statuses.add(post(junk, signed.event(junk).headers()));
      text = logs.text();
    }

    for (int i = 0; i < MARK.length(); i++) {
      String rotation = MARK.substring(i) + MARK.substring(0, i);
      assertFalse(text.contains(rotation), "8 characters of a body in a log line: " + excerpt(text, rotation));
    }
    assertEquals(List.of(200, 400), statuses, "run, and refused as no request Slack sends");
  }

  private static String excerpt(String text, String fragment) {
    int at = text.indexOf(fragment);
    return at < 0 ? "" : text.substring(Math.max(0, text.lastIndexOf('\n', at) + 1), Math.min(text.length(), at + 80));
  }
}
