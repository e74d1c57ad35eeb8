package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vastbot.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SlackStandIn}'s wire behaviour, with a plain HTTP client (what the SDK does not send). */
class SlackStandInHttpTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SlackStandIn slack = SlackStandIn.start(clock);
  private final HttpClient http =
      HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void aJsonBody_isAccepted_withNonStringValuesKeptAsJsonText() throws Exception {
    JsonNode answer =
        post("chat.postMessage", "Bearer " + SlackStandIn.BOT_TOKEN,
            "application/json; charset=utf-8",
            "{\"channel\":\"C0000CHAN\",\"text\":\"hi\",\"blocks\":[{\"type\":\"divider\"}],"
                + "\"unfurl_links\":false}");

    assertTrue(answer.path("ok").asBoolean(), answer.toString());
    var call = slack.calls("chat.postMessage").get(0);
    assertEquals("hi", call.param("text"));
    assertEquals("divider", call.jsonParam("blocks").get(0).path("type").asText());
    assertEquals("false", call.param("unfurl_links"));
    assertEquals(clock.instant(), call.receivedAt());
  }

  @Test
  void tokens_areCheckedAsSlackDoes() throws Exception {
    String form = "channel=C0000CHAN&text=hi";
    assertEquals("not_authed", error(post("chat.postMessage", null, form)));
    assertEquals("invalid_auth", error(post("chat.postMessage", "Bearer xoxb-other", form)));
    assertEquals("not_allowed_token_type",
        error(post("chat.postMessage", "Bearer " + SlackStandIn.APP_TOKEN, form)));
    assertEquals("not_allowed_token_type",
        error(post("apps.connections.open", "Bearer " + SlackStandIn.BOT_TOKEN, "")));
    assertEquals(4, slack.calls().size());
  }

  @Test
  void unknownMethods_andAnUnattachedSocketMode_areOkFalse() throws Exception {
    assertEquals("unknown_method",
        error(post("views.open", "Bearer " + SlackStandIn.BOT_TOKEN, "trigger_id=1")));
    assertEquals("no_socket_mode_stand_in_attached",
        error(post("apps.connections.open", "Bearer " + SlackStandIn.APP_TOKEN, "")));
  }

  @Test
  void scriptedAnswers_areUsedUpInOrder_perMethod() throws Exception {
    slack.failNext("chat.postMessage", "channel_not_found");
    slack.rateLimitNext("chat.postMessage", 1, 5);
    String form = "channel=C0000CHAN&text=hi";
    String bearer = "Bearer " + SlackStandIn.BOT_TOKEN;

    assertEquals("channel_not_found", error(post("chat.postMessage", bearer, form)));
    var limited = send("chat.postMessage", bearer, "application/x-www-form-urlencoded", form);
    assertEquals(429, limited.statusCode());
    assertEquals("5", limited.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(post("chat.postMessage", bearer, form).path("ok").asBoolean());
    assertTrue(post("auth.test", bearer, "").path("ok").asBoolean());
  }

  @Test
  void theOtherChatMethods_answerWithWhatTheSdkReads() throws Exception {
    String bearer = "Bearer " + SlackStandIn.BOT_TOKEN;
    JsonNode ephemeral = post("chat.postEphemeral", bearer, "channel=C0000CHAN&user=U1&text=x");
    JsonNode permalink =
        post("chat.getPermalink", bearer, "channel=C0000CHAN&message_ts=1700000000.000100");
    JsonNode update = post("chat.update", bearer, "channel=C0000CHAN&ts=1700000000.000100&text=y");

    assertEquals("1700000000.000100", ephemeral.path("message_ts").asText());
    assertEquals("https://vastbot-test.slack.com/archives/C0000CHAN/p1700000000000100",
        permalink.path("permalink").asText());
    assertEquals("y", update.path("text").asText());
    assertEquals("message_not_found", error(post("chat.update", bearer, "channel=C0000CHAN")));
  }

  @Test
  void awaitCalls_failsWithinItsBound_namingWhatArrived() throws Exception {
    post("auth.test", "Bearer " + SlackStandIn.BOT_TOKEN, "");

    var failure =
        assertThrows(AssertionError.class,
            () -> slack.awaitCalls("chat.postMessage", 1, Duration.ofMillis(50)));
    assertTrue(failure.getMessage().contains("1 calls of chat.postMessage"), failure.getMessage());
    assertEquals(1, slack.awaitCalls("auth.test", 1, Duration.ofMillis(50)).size());
  }

  private JsonNode post(String method, String authorization, String form) throws Exception {
    return post(method, authorization, "application/x-www-form-urlencoded", form);
  }

  private JsonNode post(String method, String authorization, String contentType, String body)
      throws Exception {
    var response = send(method, authorization, contentType, body);
    assertEquals(200, response.statusCode(), response.body());
    return SlackStandIn.readJson(response.body());
  }

  private HttpResponse<String> send(
      String method, String authorization, String contentType, String body) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(slack.methodsUrlPrefix() + method))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String error(JsonNode answer) {
    assertEquals(false, answer.path("ok").asBoolean(true), answer.toString());
    return answer.path("error").asText();
  }
}
