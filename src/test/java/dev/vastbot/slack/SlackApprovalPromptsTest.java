package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Prompts through the outbox: a restart edits the same message (by the channel id and ts Slack
 * gave); expiry is shown; a 429 waits its Retry-After; a prompt Slack will not take withdraws its
 * request and tells the requester; a superseded request's prompt says so, with the reason.
 */
class SlackApprovalPromptsTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SlackStandIn slack = SlackStandIn.start(clock);
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final DrainedOutbox delivery = new DrainedOutbox(store, slack, clock);

  private SlackApprovalPrompts prompts() {
    return new SlackApprovalPrompts(delivery.outbox(), "C0000CHAN", store, clock);
  }

  private ApprovalRequest pending() {
    long op = store.startOperation("terminate", "U0ALICE", "vast-7", clock.instant());
    store.transitionOperation(op, dev.vastbot.fleet.OperationState.REQUESTED,
        dev.vastbot.fleet.OperationState.AWAITING_APPROVAL, "waiting", clock.instant());
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
    delivery.drainAll();
    String ts = slack.calls("chat.postMessage").get(0).answerJson().path("ts").asText();

    prompts().decided(request, "U0BOB", ApprovalDecision.DENIED);
    delivery.drainAll();
    var edit = slack.calls("chat.update").get(0);
    assertEquals(ts, edit.param("ts"));
    assertEquals("C0000CHAN", edit.param("channel"));
    assertTrue(edit.param("text").contains("Denied"), edit.param("text"));
  }

  @Test
  void anExpiredRequest_isEditedToSaySo_andOnlyTheLastOfTwoQueuedEditsIsSent() {
    ApprovalRequest request = pending();
    SlackApprovalPrompts prompts = prompts();
    prompts.asked(request);
    prompts.progress(request.operationId(), "syncing: 1 of 3 files");
    prompts.expired(request);
    delivery.drainAll();
    assertEquals(1, slack.calls("chat.update").size(), "the progress edit was replaced before it went out");
    assertTrue(slack.calls("chat.update").get(0).param("text").contains("Expired"));
  }

  @Test
  void a429IsRetriedAfterItsRetryAfter() {
    slack.rateLimitNext("chat.postMessage", 1, 30);
    ApprovalRequest request = pending();
    prompts().asked(request);
    Instant start = clock.instant();
    delivery.drainAll();
    var posts = slack.calls("chat.postMessage");
    assertEquals(2, posts.size());
    assertEquals(429, posts.get(0).status());
    assertTrue(!posts.get(1).receivedAt().isBefore(start.plusSeconds(30)), "waited the Retry-After: "
        + posts.get(1).receivedAt());
    assertTrue(delivery.undelivered().isEmpty());
  }

  @Test
  void aPromptSlackWillNotTake_withdrawsItsRequest_andTellsTheRequester() {
    var desk = new dev.vastbot.service.approval.ApprovalDesk(store, new dev.vastbot.fleet.approval.ApprovalPolicy(
        java.util.Set.of("U0BOB"), false, Duration.ofMinutes(30)), dev.vastbot.fleet.port.ApprovalPrompts.NONE,
        clock);
    SlackApprovalPrompts prompts = prompts();
    prompts.whenUndeliverable(desk::withdrawUndeliverable);
    delivery.whenUndelivered(prompts::undelivered);
    slack.failNext("chat.postMessage", "channel_not_found");
    ApprovalRequest request = pending();
    prompts.asked(request);
    delivery.drainAll();

    assertEquals(dev.vastbot.fleet.OperationState.CANCELLED, store.operation(request.operationId()).orElseThrow()
        .state());
    assertTrue(store.approvalRequest(request.operationId()).orElseThrow().decision() != null, "no longer pending");
    var told = slack.calls("chat.postMessage").get(1);
    assertEquals("U0ALICE", told.param("channel"), "a direct message to the requester");
    assertTrue(told.param("text").contains("was not put to the approvers") && told.param("text")
        .contains("channel_not_found"), told.param("text"));
    assertTrue(store.recentAudit(5).stream().anyMatch(e -> e.action().equals("withdraw")));
  }

  @Test
  void aSupersededRequest_isEditedToSaySoWithTheReason_andCannotBeApprovedAfter() {
    SlackApprovalPrompts prompts = prompts();
    var desk = new dev.vastbot.service.approval.ApprovalDesk(store, new dev.vastbot.fleet.approval.ApprovalPolicy(
        java.util.Set.of("U0BOB"), false, Duration.ofMinutes(30)), prompts, clock);
    long op = store.startOperation("provision", "autoscaler", "selfplay: 1 × RTX 3060", clock.instant());
    desk.ask(op, "provision", "selfplay: 1 × RTX 3060", new dev.vastbot.fleet.Actor("autoscaler"), "over budget");
    delivery.drainAll();

    assertTrue(desk.supersede(op, "it was for 1, the need now is 3").isPresent());
    delivery.drainAll();

    var edit = slack.calls("chat.update").get(0);
    assertTrue(edit.param("text").contains("superseded: it was for 1, the need now is 3; nothing was done"),
        edit.param("text"));
    assertEquals(dev.vastbot.fleet.OperationState.CANCELLED, store.operation(op).orElseThrow().state());
    assertTrue(desk.supersede(op, "again").isEmpty(), "closed once");
    var late = desk.decide(op, new dev.vastbot.fleet.Actor("U0BOB"), ApprovalDecision.APPROVED,
        java.util.Optional.empty());
    assertTrue(!late.counted(), late.message());
  }
}
