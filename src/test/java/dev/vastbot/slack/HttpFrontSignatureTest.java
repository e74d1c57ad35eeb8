package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.bolt.AppConfig;
import dev.vastbot.testing.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slack's request signature as {@link HttpFront} checks it, over HTTP on loopback, against the
 * front's injected clock: timestamps up to 5 minutes from now either way pass, further ones (a
 * year ahead included) get 401 with a fixed body; a missing or garbled header gets the same; a
 * bad signature is refused before the body is parsed (a body no parser takes is 401, not 400).
 */
class HttpFrontSignatureTest {
  private static final String SECRET = "signature-test-secret";
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final String REFUSED = "{\"error\":\"invalid request\"}";
  private final MutableClock clock = MutableClock.at("2026-12-01T12:00:00Z");
  private final SignedRequests signed = new SignedRequests(SECRET, clock);
  private final OkHttpClient http = new OkHttpClient.Builder().proxy(java.net.Proxy.NO_PROXY).build();
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private HttpFront front;

  @BeforeEach
  void serve() throws IOException {
    var app = new SigningApp(AppConfig.builder().signingSecret(SECRET).build());
    app.command("/vast", (request, context) -> {
      ran.add(request.getPayload().getText());
      return context.ack("ran " + request.getPayload().getText());
    });
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(app), () -> "", () -> true,
        HttpLimits.DEFAULT.withSlackWorkers(2), clock);
  }

  @AfterEach
  void stop() {
    front.close();
  }

  private record Answer(int status, String body) {}

  private Answer post(String body, Map<String, String> headers) throws IOException {
    var builder = new Request.Builder().url("http://127.0.0.1:" + front.port() + "/slack/events")
        .post(RequestBody.create(body, FORM));
    headers.forEach(builder::header);
    try (Response response = http.newCall(builder.build()).execute()) {
      return new Answer(response.code(), response.body().string());
    }
  }

  private Answer post(SignedRequests.SignedRequest request) throws IOException {
    return post(request.body(), request.headers());
  }

  private SignedRequests.SignedRequest command(String text) {
    return signed.slashCommand(text, "https://hooks.slack.com/commands/T0/1/x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0S", "PT5M", "-PT5M", "PT4M59S", "-PT4M59S"})
  void aTimestampWithinFiveMinutesEitherWay_passes(String offset) throws Exception {
    Answer answer = post(command("status").signedAt(clock.instant().plus(Duration.parse(offset))));

    assertEquals(200, answer.status(), answer.body());
    assertTrue(answer.body().contains("ran status"), answer.body());
    assertEquals(List.of("status"), ran);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT5M1S", "-PT5M1S", "PT6M", "-PT6M", "P3650D", "-P3650D"})
  void aTimestampFurtherThanFiveMinutesEitherWay_is401AndRunsNothing(String offset) throws Exception {
    Answer answer = post(command("stop 7").signedAt(clock.instant().plus(Duration.parse(offset))));

    assertEquals(401, answer.status());
    assertEquals(REFUSED, answer.body());
    assertEquals(List.of(), ran);
  }

  @Test
  void theWindowMovesWithTheInjectedClock() throws Exception {
    SignedRequests.SignedRequest request = command("status");
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    assertEquals(401, post(request).status(), "the same request, a little over 5 minutes later");
    assertEquals(200, post(request.signedAt(clock.instant())).status());
  }

  @Test
  void missingOrGarbledHeaders_are401WithTheFixedBody() throws Exception {
    SignedRequests.SignedRequest good = command("status");
    String timestamp = good.timestamp();
    List<Map<String, String>> bad = List.of(
        Map.of(),
        Map.of(SignedRequests.TIMESTAMP_HEADER, timestamp),
        Map.of(SignedRequests.SIGNATURE_HEADER, good.signature()),
        Map.of(SignedRequests.TIMESTAMP_HEADER, "soon", SignedRequests.SIGNATURE_HEADER, good.signature()),
        Map.of(SignedRequests.TIMESTAMP_HEADER, timestamp + "0000000000000", SignedRequests.SIGNATURE_HEADER,
            good.signature()),
        Map.of(SignedRequests.TIMESTAMP_HEADER, timestamp, SignedRequests.SIGNATURE_HEADER, "v0=zz"),
        Map.of(SignedRequests.TIMESTAMP_HEADER, timestamp, SignedRequests.SIGNATURE_HEADER,
            good.signature().replace("v0=", "v1=")),
        Map.of(SignedRequests.TIMESTAMP_HEADER, timestamp, SignedRequests.SIGNATURE_HEADER,
            good.signature().substring(0, 40)));
    for (Map<String, String> headers : bad) {
      Answer answer = post(good.body(), headers);
      assertEquals(401, answer.status(), headers.toString());
      assertEquals(REFUSED, answer.body(), headers.toString());
    }
    assertEquals(List.of(), ran);
  }

  @Test
  void aWrongSignature_isRefusedBeforeTheBodyIsParsed() throws Exception {
    String noSlackRequest = "this is no request Slack sends";
    SignedRequests.SignedRequest junk = signed.event(noSlackRequest);

    Answer wronglySigned = post(junk.withWrongSignature());
    Answer rightlySigned = post(junk);

    assertEquals(401, wronglySigned.status(), "refused on its signature, unparsed: " + wronglySigned.body());
    assertEquals(REFUSED, wronglySigned.body());
    assertEquals(400, rightlySigned.status(), "signed, it is parsed, and no parser takes it");
    assertEquals(401, post(command("stop 7").withWrongSignature()).status());
    assertEquals(List.of(), ran);
  }
}
