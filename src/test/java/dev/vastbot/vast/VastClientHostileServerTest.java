package dev.vastbot.vast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProviderException.Reason;
import dev.vastbot.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real client against a loopback server that answers what a hostile host might. */
class VastClientHostileServerTest {
  /** Characters that JSON, URL and base64 encodings all spell differently. */
  private static final String KEY = "sk-Test+key/with=odd&chars-0123456789abcdef";
  private static final int CAP = 1024 * 1024;

  private final MutableClock clock = MutableClock.atEpochDay();
  private final ScriptedVastServer server = new ScriptedVastServer();
  private final VastClient client = clientWithCap(CAP);

  @AfterEach
  void stop() {
    server.close();
  }

  private VastClient clientWithCap(int cap) {
    return VastClient.create(new OkHttpClient(), VastClientSettings.defaults(server.apiUrl(), ApiKey.of(KEY))
        .withTime(clock, clock.pause())
        .withRequestTimeout(Duration.ofSeconds(10))
        .withRetries(1, Duration.ofSeconds(10))
        .withMaxResponseBytes(cap));
  }

  private ProviderException failureOfCurrentAccount(VastClient vast) {
    return assertThrows(ProviderException.class, vast::currentAccount);
  }

  private void answerError(String msgJson) {
    server.answer(exchange -> ScriptedVastServer.sendJson(exchange, 400,
        "{\"success\":false,\"error\":\"invalid_args\",\"msg\":\"" + msgJson + "\"}"));
  }

  /** {@code text} with every character written as a JSON unicode escape (backslash, u, 4 hex). */
  private static String jsonEscaped(String text) {
    var escaped = new StringBuilder();
    text.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
    return escaped.toString();
  }

  private static String accountJson(String extra) {
    return "{\"id\":7,\"email\":\"a@example.com\",\"balance\":3.5,\"credit\":0" + extra + "}";
  }

  /** An account answer padded with spaces to exactly {@code size} bytes. */
  private static String accountJsonOfSize(int size) {
    String json = accountJson("");
    return json.substring(0, json.length() - 1) + " ".repeat(size - json.length()) + "}";
  }

  private static void sendChunked(HttpExchange exchange, String body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void keySpelledWithJsonEscapes_isRedactedAfterDecoding() {
    answerError("the key " + jsonEscaped(KEY) + " is not allowed here");

    String message = failureOfCurrentAccount(client).getMessage();

    assertFalse(message.contains(KEY), message);
    assertTrue(message.contains("the key <redacted> is not allowed here"), message);
  }

  @Test
  void escapedKeyAtTheCutOfALongMessage_isNotLeftHalfShown() {
    answerError("x".repeat(190) + jsonEscaped(KEY));

    String message = failureOfCurrentAccount(client).getMessage();

    assertFalse(message.contains(KEY.substring(0, 8)), message);
    assertTrue(message.contains("<redacted>"), message);
  }

  @Test
  void urlEncodedKey_isRedacted() {
    String encoded = URLEncoder.encode(KEY, StandardCharsets.UTF_8);
    assertNotEquals(KEY, encoded, "the test key must need URL escaping");
    answerError("retry with https://console.vast.ai/api/v0/users/current?api_key=" + encoded);

    String message = failureOfCurrentAccount(client).getMessage();

    assertFalse(message.contains(encoded), message);
    assertTrue(message.contains("?api_key=<redacted>"), message);
  }

  @Test
  void base64OfTheKeyInsideALongerToken_isRedacted() {
    String basic =
        Base64.getEncoder().encodeToString(("vastbot:" + KEY).getBytes(StandardCharsets.UTF_8));
    answerError("we got Authorization: Basic " + basic);

    String message = failureOfCurrentAccount(client).getMessage();

    assertFalse(message.contains(basic.substring(16, 40)), message);
    assertTrue(message.contains("<redacted>"), message);
  }

  @Test
  void declaredLengthOverTheCap_failsAtOnce_withoutWaitingForTheBody() {
    server.answer(exchange -> {
      exchange.sendResponseHeaders(200, 5L * CAP);
      exchange.getResponseBody().write('{');
      exchange.getResponseBody().flush();
      server.holdOpen(); // the rest never comes: reading it would end in a timeout
    });

    var failure = failureOfCurrentAccount(client);

    assertEquals(Reason.RESPONSE_TOO_LARGE, failure.reason());
    assertFalse(failure.transientFailure());
    assertEquals("Vast API GET /users/current: the answer is larger than the 1 MiB cap "
        + "(vast.max_response_mib; Content-Length 5242880 bytes; not read)", failure.getMessage());
  }

  @Test
  void chunkedBodyOverTheCap_stopsReadingAtTheCap() {
    server.answer(exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
      for (int sent = 0; sent < 5 * CAP; sent += chunk.length) {
        out.write(chunk);
      }
      out.flush();
      server.holdOpen(); // the body never ends: reading to its end would end in a timeout
    });

    var failure = failureOfCurrentAccount(client);

    assertEquals(Reason.RESPONSE_TOO_LARGE, failure.reason());
    assertEquals("Vast API GET /users/current: the answer is larger than the 1 MiB cap "
        + "(vast.max_response_mib; stopped reading at the cap)", failure.getMessage());
  }

  @Test
  void bodyOfExactlyTheCap_isRead_oneByteMoreIsNot() {
    String exact = accountJsonOfSize(CAP);
    server.answer(exchange -> ScriptedVastServer.sendJson(exchange, 200, exact));
    assertEquals(7, client.currentAccount().id());

    server.answer(exchange -> sendChunked(exchange, exact + " "));
    assertEquals(Reason.RESPONSE_TOO_LARGE, failureOfCurrentAccount(client).reason());
  }

  @Test
  void hundredThousandOpenBrackets_areMalformed_notAStackOverflow() {
    server.answer(exchange -> ScriptedVastServer.sendJson(exchange, 200, "[".repeat(100_000)));

    var failure = failureOfCurrentAccount(client);

    assertEquals(Reason.MALFORMED_RESPONSE, failure.reason());
    assertTrue(failure.getMessage().startsWith(
        "Vast API GET /users/current: the answer breaks the client's JSON limits (Document nesting"
            + " depth (65) exceeds the maximum allowed (64"), failure.getMessage());
  }

  @Test
  void nestingPastTheLimit_isMalformed_evenInAnOtherwiseGoodAnswer() {
    String deep = "[".repeat(100) + "]".repeat(100);
    server.answer(exchange -> ScriptedVastServer.sendJson(exchange, 200,
        accountJson(",\"extra\":" + deep)));

    var failure = failureOfCurrentAccount(client);

    assertEquals(Reason.MALFORMED_RESPONSE, failure.reason());
    assertTrue(failure.getMessage().contains("nesting depth"), failure.getMessage());
  }

  @Test
  void stringOverOneMebibyte_isMalformed_underTheDefaultCap() {
    VastClient defaultCap = clientWithCap(VastClientSettings.DEFAULT_MAX_RESPONSE_BYTES);
    String huge = "y".repeat(2 * 1024 * 1024);
    server.answer(exchange -> ScriptedVastServer.sendJson(exchange, 200,
        accountJson(",\"note\":\"" + huge + "\"")));

    var failure = failureOfCurrentAccount(defaultCap);

    assertEquals(Reason.MALFORMED_RESPONSE, failure.reason());
    assertTrue(failure.getMessage().contains("String value length"), failure.getMessage());
  }
}
