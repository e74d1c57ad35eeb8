package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Prompts kept in the store: a restart edits the same message; expiry is shown; a 429 waits its Retry-After. */
class SlackApprovalPromptsTest {
  private final SlackStandIn slack = SlackStandIn.start();
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SlackSettings settings =
      new SlackSettings(SlackStandIn.BOT_TOKEN, null, slack.methodsUrlPrefix(), "C0000CHAN");

  private SlackApprovalPrompts prompts() {
    return new SlackApprovalPrompts(SlackBot.slackClient(settings).methods(SlackStandIn.BOT_TOKEN), "C0000CHAN",
        store, clock);
  }

  private ApprovalRequest pending() {
    long op = store.startOperation("terminate", "U0ALICE", "vast-7", clock.instant());
    var request = ApprovalRequest.pending(op, "terminate", "vast-7", "U0ALICE", "vast-7: idle", clock.instant(),
        clock.instant().plus(Duration.ofMinutes(30)));
    store.recordApprovalRequest(request);
    return request;
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void aPromptPendingAcrossARestart_isEditedInPlace_whenDecidedLater() {
    ApprovalRequest request = pending();
    prompts().asked(request);
    String ts = slack.awaitCalls("chat.postMessage", 1).get(0).answerJson().path("ts").asText();

    prompts().decided(request, "U0BOB", ApprovalDecision.DENIED);
    var edit = slack.awaitCalls("chat.update", 1).get(0);
    assertEquals(ts, edit.param("ts"));
    assertTrue(edit.param("text").contains("Denied"), edit.param("text"));
  }

  @Test
  void anExpiredRequest_isEditedToSaySo() {
    ApprovalRequest request = pending();
    SlackApprovalPrompts prompts = prompts();
    prompts.asked(request);
    prompts.expired(request);
    assertTrue(slack.awaitCalls("chat.update", 1).get(0).param("text").contains("Expired"));
  }

  @Test
  void a429IsRetriedAfterItsRetryAfter_andAnOkFalseIsAFailureNotAPrompt() {
    slack.rateLimitNext("chat.postMessage", 1, 1);
    ApprovalRequest request = pending();
    prompts().asked(request);
    var posts = slack.awaitCalls("chat.postMessage", 2, Duration.ofSeconds(10));
    assertEquals(429, posts.get(0).status());
    assertTrue(store.approvalPrompt(request.operationId()).isPresent(), "posted on the second try");

    slack.failNext("chat.postMessage", "channel_not_found");
    ApprovalRequest other = pending();
    prompts().asked(other);
    slack.awaitCalls("chat.postMessage", 3);
    assertTrue(store.approvalPrompt(other.operationId()).isEmpty(), "ok:false is not a posted prompt");
  }
}
