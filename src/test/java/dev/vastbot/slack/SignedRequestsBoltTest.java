package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;
import dev.vastbot.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests from {@link SignedRequests} through Bolt's {@code App.run(...)}, in process. */
class SignedRequestsBoltTest {
  private static final String SECRET = "test-signing-secret";

  private final SlackStandIn slack = SlackStandIn.start();
  private final Slack sdk = Slack.getInstance(slack.sdkConfig());
  private final App app =
      new App(
          AppConfig.builder()
              .slack(sdk)
              .singleTeamBotToken(SlackStandIn.BOT_TOKEN)
              .signingSecret(SECRET)
              .build());
  // Bolt checks the timestamp against the system clock, so valid requests are signed on it
  private final SignedRequests signed = new SignedRequests(SECRET, Clock.systemUTC());
  private final List<String> handled = new CopyOnWriteArrayList<>();

  @BeforeEach
  void routes() {
    app.command("/vast", (request, context) -> {
      handled.add("command " + request.getPayload().getText());
      if (request.getPayload().getText().equals("respond")) {
        context.respond("later, by response_url");
      }
      return context.ack("vast " + request.getPayload().getText());
    });
    app.blockAction("vast-approve", (request, context) -> {
      handled.add("action " + request.getPayload().getActions().get(0).getValue());
      return context.ack();
    });
    app.event(AppMentionEvent.class, (event, context) -> {
      handled.add("mention retry " + context.getRetryNum() + " " + context.getRetryReason());
      return context.ack();
    });
  }

  @AfterEach
  void stop() throws Exception {
    app.stop();
    sdk.close();
    slack.close();
  }

  @Test
  void aSignedSlashCommand_is200WithTheAckText() throws Exception {
    Response response =
        app.run(signed.slashCommand("status", slack.responseUrl("c1")).toSlashCommandRequest());

    assertEquals(200, response.getStatusCode(), response.getBody());
    assertTrue(response.getContentType().startsWith("application/json"), response.getContentType());
    assertEquals("vast status", SlackStandIn.readJson(response.getBody()).path("text").asText());
    assertEquals(List.of("command status"), handled);
  }

  @Test
  void aWrongSignature_is401() throws Exception {
    assertUnauthorized(signed.slashCommand("status", slack.responseUrl("c1")).withWrongSignature());
  }

  @Test
  void aStaleTimestamp_is401() throws Exception {
    assertUnauthorized(signed.slashCommand("status", slack.responseUrl("c1")).stale());
  }

  @Test
  void missingSlackHeaders_are401() throws Exception {
    var request = signed.slashCommand("status", slack.responseUrl("c1"));
    assertUnauthorized(request.withoutHeaders());
    assertUnauthorized(request.without(SignedRequests.SIGNATURE_HEADER));
    assertUnauthorized(request.without(SignedRequests.TIMESTAMP_HEADER));
  }

  @Test
  void aSignedBlockAction_is200_andReachesItsHandler() throws Exception {
    String payload =
        SlackPayloads.blockAction(
            "vast-approve", "op-7", "1700000000.000100", slack.responseUrl("a1"));

    Response response = app.run(signed.blockAction(payload).toBlockActionRequest());

    assertEquals(200, response.getStatusCode(), response.getBody());
    assertEquals(List.of("action op-7"), handled);
  }

  @Test
  void retryHeaders_reachTheEventContext() throws Exception {
    String event =
        "{\"token\":\"t\",\"team_id\":\"" + SlackStandIn.TEAM_ID + "\","
            + "\"api_app_id\":\"A0000TEST\","
            + "\"event\":{\"type\":\"app_mention\",\"text\":\"<@U0000BOT1> status\","
            + "\"user\":\"U0000USR1\",\"ts\":\"1700000000.000300\",\"channel\":\"C0000CHAN\","
            + "\"event_ts\":\"1700000000.000300\"},\"type\":\"event_callback\","
            + "\"event_id\":\"Ev0000001\",\"event_time\":1700000000}";

    Response response =
        app.run(signed.event(event).withRetry(1, "http_timeout").toEventRequest());

    assertEquals(200, response.getStatusCode(), response.getBody());
    assertEquals(List.of("mention retry 1 http_timeout"), handled);
  }

  @Test
  void respondInAHandler_postsToTheStandInsResponseUrl() throws Exception {
    Response response =
        app.run(signed.slashCommand("respond", slack.responseUrl("c2")).toSlashCommandRequest());

    assertEquals(200, response.getStatusCode());
    var posted = slack.awaitResponses("c2", 1, Duration.ofSeconds(5));
    assertEquals("later, by response_url", posted.get(0).path("text").asText());
  }

  @Test
  void signaturesMatchTheSdksOwnGeneratorAndUseTheInjectedClock() {
    var clock = MutableClock.at("2026-11-28T12:00:00Z");
    var request = new SignedRequests(SECRET, clock).slashCommand("status", "http://127.0.0.1:1/r");

    assertEquals(String.valueOf(clock.instant().getEpochSecond()), request.timestamp());
    assertEquals(
        new SlackSignature.Generator(SECRET).generate(request.timestamp(), request.body()),
        request.signature());
    clock.advance(Duration.ofMinutes(10));
    var stale = request.stale();
    assertEquals(
        String.valueOf(clock.instant().minus(SignedRequests.STALE_AGE).getEpochSecond()),
        stale.timestamp());
    assertTrue(request.body().contains("command=%2Fvast&text=status&"), request.body());
  }

  private void assertUnauthorized(SignedRequests.SignedRequest request) throws Exception {
    Response response = app.run(request.toSlashCommandRequest());

    assertEquals(401, response.getStatusCode(), request.toString());
    assertEquals("{\"error\":\"invalid request\"}", response.getBody());
    assertEquals(List.of(), handled);
  }
}
