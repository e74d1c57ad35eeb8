package dev.vastbot.slack;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static dev.vastbot.slack.SlackPayloads.CHANNEL_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.SlackApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real SDK (Bolt's {@code app.client()}, the async client) against {@link SlackStandIn}. */
class SlackStandInSdkTest {
  private final SlackStandIn slack = SlackStandIn.start();
  private final Slack sdk = Slack.getInstance(slack.sdkConfig());
  private final App app =
      new App(
          AppConfig.builder()
              .slack(sdk)
              .singleTeamBotToken(SlackStandIn.BOT_TOKEN)
              .signingSecret("test-signing-secret")
              .build());

  @AfterEach
  void stop() throws Exception {
    app.stop();
    sdk.close();
    slack.close();
  }

  @Test
  void chatPostMessageWithBlocks_arrivesAsAFormPostWithTheBotToken_andGetsIncreasingTs()
      throws Exception {
    var first =
        app.client()
            .chatPostMessage(
                request ->
                    request
                        .channel(CHANNEL_ID)
                        .text("4 GPUs running")
                        .blocks(asBlocks(section(s -> s.text(markdownText("*4* GPUs running"))))));
    var second = app.client().chatPostMessage(request -> request.channel(CHANNEL_ID).text("again"));

    assertTrue(first.isOk(), first.toString());
    assertEquals("1700000000.000100", first.getTs());
    assertEquals(CHANNEL_ID, first.getChannel());
    assertEquals("1700000000.000200", second.getTs());
    var call = slack.calls("chat.postMessage").get(0);
    assertTrue(
        call.contentType().startsWith("application/x-www-form-urlencoded"), call.contentType());
    assertEquals(SlackStandIn.BOT_TOKEN, call.token());
    assertEquals(CHANNEL_ID, call.param("channel"));
    assertEquals("4 GPUs running", call.param("text"));
    var blocks = call.jsonParam("blocks");
    assertEquals("section", blocks.get(0).path("type").asText());
    assertEquals("*4* GPUs running", blocks.get(0).path("text").path("text").asText());
    assertEquals(first.getTs(), call.answerJson().path("ts").asText());
  }

  @Test
  void scripted429_isASlackApiExceptionWithRetryAfter_andTheSyncClientNeitherRetriesNorWaits()
      throws Exception {
    slack.rateLimitNext("chat.postMessage", 1, 30);

    var limited =
        assertThrows(
            SlackApiException.class,
            () -> app.client().chatPostMessage(r -> r.channel(CHANNEL_ID).text("one")));
    assertEquals(429, limited.getResponse().code());
    assertEquals("30", limited.getResponse().header("Retry-After"));
    assertEquals("ratelimited", limited.getError().getError());
    assertEquals(1, slack.calls("chat.postMessage").size());

    // the sync client only notes "retry after" in its metrics; the next call goes out at once
    String executor = sdk.getConfig().getMethodsConfig().getExecutorName();
    var rateLimited = sdk.methodsStats(executor, SlackStandIn.TEAM_ID).getRateLimitedMethods();
    Long retryAt = rateLimited.get("chat.postMessage_" + CHANNEL_ID);
    assertNotNull(retryAt, rateLimited.toString());
    assertTrue(retryAt > System.currentTimeMillis() + 20_000, "retry at " + retryAt);
    var next = app.client().chatPostMessage(r -> r.channel(CHANNEL_ID).text("two"));
    assertTrue(next.isOk(), next.toString());
    assertEquals(2, slack.calls("chat.postMessage").size());
  }

  @Test
  void scripted429_isRetriedByTheAsyncClientAfterRetryAfter() throws Exception {
    slack.rateLimitNext("chat.postMessage", 1, 1);

    var answer =
        sdk.methodsAsync(SlackStandIn.BOT_TOKEN)
            .chatPostMessage(r -> r.channel(CHANNEL_ID).text("queued"))
            .get(10, TimeUnit.SECONDS);

    assertTrue(answer.isOk(), answer.toString());
    var calls = slack.calls("chat.postMessage");
    assertEquals(2, calls.size());
    assertEquals(429, calls.get(0).status());
    assertEquals(200, calls.get(1).status());
    var gap = Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt());
    assertTrue(gap.toMillis() >= 900, "retried after " + gap.toMillis() + " ms");
  }

  @Test
  void failNext_isAnOkFalseAnswer_notAnException() throws Exception {
    slack.failNext("chat.update", "cant_update_message");

    var failed =
        app.client().chatUpdate(r -> r.channel(CHANNEL_ID).ts("1700000000.000100").text("x"));
    var next =
        app.client().chatUpdate(r -> r.channel(CHANNEL_ID).ts("1700000000.000100").text("y"));

    assertFalse(failed.isOk());
    assertEquals("cant_update_message", failed.getError());
    assertTrue(next.isOk(), next.toString());
    assertEquals("y", next.getText());
  }

  @Test
  void aWrongBotToken_isInvalidAuth() throws Exception {
    var answer = sdk.methods("xoxb-wrong").chatPostMessage(r -> r.channel(CHANNEL_ID).text("x"));

    assertFalse(answer.isOk());
    assertEquals("invalid_auth", answer.getError());
  }

  @Test
  void filesUploadV2_goesThroughTheExternalUploadFlow() throws Exception {
    byte[] chart = "\u0089PNG fake chart bytes".getBytes(StandardCharsets.ISO_8859_1);

    var answer =
        app.client()
            .filesUploadV2(
                r -> r.channel(CHANNEL_ID)
                    .filename("gpu-util.png")
                    .title("GPU use")
                    .fileData(chart));

    assertTrue(answer.isOk(), answer.toString());
    String fileId = answer.getFile().getId();
    var uploadUrl = slack.calls("files.getUploadURLExternal").get(0);
    assertEquals("gpu-util.png", uploadUrl.param("filename"));
    assertEquals(String.valueOf(chart.length), uploadUrl.param("length"));
    assertArrayEquals(chart, slack.uploadedBytes(fileId).orElseThrow());
    var complete = slack.calls("files.completeUploadExternal").get(0);
    assertEquals(CHANNEL_ID, complete.param("channel_id"));
    assertEquals(fileId, complete.jsonParam("files").get(0).path("id").asText());
    assertEquals("GPU use", complete.jsonParam("files").get(0).path("title").asText());
  }
}
