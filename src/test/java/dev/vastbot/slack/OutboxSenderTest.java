package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.store.JdbcFleetStore;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable outbox against the Web API stand-in, on a SQLite store and a virtual clock: what is
 * queued is delivered once, in order per channel, through 429s, a one-a-second limit, passing and
 * lasting failures; replies and edits find their message by the id and ts Slack gave it.
 */
class OutboxSenderTest {
  private static final String CHANNEL = "C0000CHAN";
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SlackStandIn slack = SlackStandIn.start(clock);
  @TempDir Path dir;
  private JdbcFleetStore store;
  private DrainedOutbox delivery;

  private SlackOutbox outbox() {
    if (store == null) {
      store = JdbcFleetStore.open(JdbcFleetStore.defaultUrl(dir));
      delivery = new DrainedOutbox(store, slack, clock);
    }
    return delivery.outbox();
  }

  @AfterEach
  void stop() {
    slack.close();
    if (store != null) {
      store.close();
    }
  }

  private void queueTenPromptsAndAlerts() {
    for (int i = 1; i <= 10; i++) {
      outbox().post(CHANNEL, (i % 2 == 0 ? "prompt:" : "alert:") + i, text("message " + i),
          clock.instant().plus(Duration.ofHours(1)));
    }
  }

  private static SlackMessage text(String text) {
    return new SlackMessage(text, List.of());
  }

  private List<String> deliveredTexts() {
    return slack.calls("chat.postMessage").stream().filter(call -> call.answerJson().path("ok").asBoolean())
        .map(call -> call.param("text")).toList();
  }

  private static List<String> expected() {
    return IntStream.rangeClosed(1, 10).mapToObj(i -> "message " + i).toList();
  }

  @Test
  void aTooManyRequestsOnEveryOtherPost_isWaitedOut_andEachIsDeliveredOnceInOrder() {
    slack.rateLimitEveryOther("chat.postMessage", 2);
    queueTenPromptsAndAlerts();
    delivery.drainAll();
    assertEquals(expected(), deliveredTexts());
    var calls = slack.calls("chat.postMessage");
    assertEquals(20, calls.size(), "each refused once, then delivered");
    for (int i = 1; i < calls.size(); i += 2) {
      assertTrue(!calls.get(i).receivedAt().isBefore(calls.get(i - 1).receivedAt().plusSeconds(2)),
          "waited the Retry-After before call " + i);
    }
    assertEquals(0, store.pendingMessages());
  }

  @Test
  void underAOneAPostASecondLimit_thePacingMeetsNoRefusal() {
    slack.limitPerChannel("chat.postMessage", Duration.ofSeconds(1));
    queueTenPromptsAndAlerts();
    outbox().post("C0000OTHER", null, text("elsewhere"), clock.instant().plus(Duration.ofHours(1)));
    delivery.drainAll();
    assertEquals(expected(), deliveredTexts().stream().filter(text -> !text.equals("elsewhere")).toList());
    assertTrue(slack.calls("chat.postMessage").stream().allMatch(call -> call.status() == 200),
        "no 429: the bot keeps to the channel's pace");
    assertTrue(slack.calls("chat.postMessage").get(1).param("text").equals("elsewhere"),
        "another channel does not wait behind the first");
  }

  @Test
  void aReplyAndAnEdit_goToTheMessageByTheIdAndTsSlackGave_afterIt() {
    outbox().post(CHANNEL, "alert:x", text("parent"), clock.instant().plusSeconds(3600));
    outbox().reply(CHANNEL, "alert:x", null, text("in the thread"), clock.instant().plusSeconds(3600));
    outbox().update(CHANNEL, "alert:x", text("edited"), clock.instant().plusSeconds(3600));
    delivery.drainAll();
    var parent = slack.calls("chat.postMessage").get(0);
    String ts = parent.answerJson().path("ts").asText();
    assertEquals(ts, slack.calls("chat.postMessage").get(1).param("thread_ts"));
    assertEquals(ts, slack.calls("chat.update").get(0).param("ts"));
    assertEquals(CHANNEL, slack.calls("chat.update").get(0).param("channel"));
    assertTrue(parent.param("metadata").contains("\"outbox_id\":1"), parent.param("metadata"));
    assertTrue(List.of("0", "false").contains(parent.param("unfurl_links")), "links in alerts are not unfurled");
  }

  @Test
  void aLastingRefusal_failsTheMessage_itsRepliesToo_andTheListenerHears() {
    slack.failNext("chat.postMessage", "not_in_channel");
    outbox().post(CHANNEL, "prompt:1", text("refused"), clock.instant().plusSeconds(3600));
    outbox().reply(CHANNEL, "prompt:1", null, text("orphan"), clock.instant().plusSeconds(3600));
    outbox().post(CHANNEL, "alert:2", text("next"), clock.instant().plusSeconds(3600));
    delivery.drainAll();
    assertEquals(List.of(
        "POST prompt:1: Slack refused it: not_in_channel (invite the app to the channel: /invite @vastbot)",
        "REPLY null: the message it answers was never posted"), delivery.undelivered());
    assertEquals(List.of("next"), deliveredTexts(), "the channel goes on after a refused message");
    assertEquals(OutboxMessage.State.FAILED, store.outboxMessage("prompt:1").orElseThrow().state());
  }

  @Test
  void aPassingFailure_isRetriedWithBackoff_untilItsDeadline_thenExpires() {
    slack.failNext("chat.postMessage", "internal_error");
    outbox().post(CHANNEL, "alert:1", text("after one retry"), clock.instant().plusSeconds(3600));
    delivery.drainAll();
    assertEquals(List.of("after one retry"), deliveredTexts());

    for (int i = 0; i < 40; i++) {
      slack.answerNext("chat.postMessage", 503, "{\"ok\":false,\"error\":\"service_unavailable\"}");
    }
    outbox().post(CHANNEL, "alert:2", text("never"), clock.instant().plusSeconds(120));
    delivery.drainAll();
    assertEquals(List.of("POST alert:2: not delivered by its deadline 1970-01-01T12:02:01Z (last: HTTP 503)"),
        delivery.undelivered().stream().map(line -> line.replaceAll("deadline \\S+", "deadline 1970-01-01T12:02:01Z"))
            .toList());
    int attempts = store.outboxMessage("alert:2").orElseThrow().attempts();
    assertTrue(attempts >= 3 && attempts <= 10, "backed off, not hammered: " + attempts + " attempts in 2 minutes");
  }

  @Test
  void anAnswerByResponseUrl_isPostedThere_inOrder() {
    String url = slack.responseUrl("cmd");
    outbox().respond(url, "in_channel", text("first"));
    outbox().respond(url, "ephemeral", text("second"));
    delivery.drainAll();
    var answers = slack.responses("cmd");
    assertEquals(List.of("first", "second"), answers.stream().map(a -> a.path("text").asText()).toList());
    assertEquals("in_channel", answers.get(0).path("response_type").asText());
    assertFalse(answers.get(0).has("url"), "the URL itself is not sent back");
  }

  @Test
  void queuingTheSameKeyTwice_queuesItOnce() {
    long first = outbox().post(CHANNEL, "prompt:7", text("once"), clock.instant().plusSeconds(60));
    long again = outbox().post(CHANNEL, "prompt:7", text("once"), clock.instant().plusSeconds(60));
    assertEquals(first, again);
    delivery.drainAll();
    assertEquals(List.of("once"), deliveredTexts());
  }

  @Test
  void aResponseUrlThatHangs_holdsUpNoOtherLane() throws Exception {
    store = JdbcFleetStore.open(JdbcFleetStore.defaultUrl(dir));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try (var hanging = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      delivery = new DrainedOutbox(store, slack, clock, new okhttp3.OkHttpClient.Builder()
          .callTimeout(Duration.ofSeconds(5)).build(), pool);
      outbox().respond("http://127.0.0.1:" + hanging.getLocalPort() + "/never", "ephemeral", text("stuck"));
      outbox().post(CHANNEL, null, text("goes at once"), clock.instant().plusSeconds(3600));
      var draining = java.util.concurrent.CompletableFuture.runAsync(delivery.sender()::drain);

      slack.awaitCalls("chat.postMessage", 1, Duration.ofSeconds(3));
      assertFalse(draining.isDone(), "the post went out while the response URL still hangs");
      draining.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(1, store.pendingMessages(), "the hung answer waits for its retry; nothing else is pending");
    } finally {
      pool.shutdownNow();
    }
  }
}
