package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.AlertThread;
import dev.vastbot.fleet.outbox.NewMessage;
import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.fleet.outbox.OutboxMessage.Kind;
import dev.vastbot.fleet.outbox.OutboxMessage.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Slack outbox and the alert incidents on SQLite and PostgreSQL. */
class OutboxStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant LATER = T0.plusSeconds(3600);
  @TempDir static Path dir;

  static Stream<String> stores() {
    return Stream.of(JdbcFleetStore.defaultUrl(dir.resolve("a")), LocalPostgres.freshSchemaUrl());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void messagesQueueInOrderPerLane_aKeyQueuesOnce_andANewEditReplacesOnesNotSent(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      long prompt = store.enqueue(new NewMessage("C1", Kind.POST, "prompt:1", null, "{\"text\":\"a\"}", null, LATER),
          T0);
      assertEquals(prompt, store.enqueue(new NewMessage("C1", Kind.POST, "prompt:1", null, "{}", null, LATER), T0));
      long other = store.enqueue(new NewMessage("C2", Kind.POST, null, null, "{}", null, LATER), T0);
      long edit = store.enqueue(new NewMessage("C1", Kind.UPDATE, null, "prompt:1", "{\"n\":1}", null, LATER), T0);
      long newer = store.enqueue(new NewMessage("C1", Kind.UPDATE, null, "prompt:1", "{\"n\":2}", null, LATER), T0);
      byte[] chart = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
      store.enqueue(new NewMessage("C1", Kind.UPLOAD, null, null, "{}", chart, LATER), T0);

      assertEquals(List.of(prompt, other), store.laneHeads().stream().map(OutboxMessage::id).toList());
      assertEquals(4, store.pendingMessages(), "the older edit was replaced");
      store.markSent(prompt, "C1", "1700000000.000100", T0);
      assertEquals(List.of(other, newer), store.laneHeads().stream().map(OutboxMessage::id).toList());
      OutboxMessage sent = store.outboxMessage("prompt:1").orElseThrow();
      assertEquals(State.SENT, sent.state());
      assertEquals("1700000000.000100", sent.ts());
      assertEquals("{\"text\":\"a\"}", sent.payload());
      store.markRetry(newer, T0.plusSeconds(30), "HTTP 429");
      OutboxMessage retried = store.laneHeads().stream().filter(m -> m.id() == newer).findFirst().orElseThrow();
      assertEquals(1, retried.attempts());
      assertEquals(T0.plusSeconds(30), retried.nextAttemptAt());
      store.markUndelivered(newer, State.EXPIRED, "too late", T0.plusSeconds(90));
      store.markUndelivered(newer, State.FAILED, "ignored: it is finished", T0.plusSeconds(91));
      OutboxMessage upload = store.laneHeads().stream().filter(m -> m.kind() == Kind.UPLOAD).findFirst().orElseThrow();
      assertArrayEquals(chart, upload.file());
      assertTrue(prompt < other && other < edit && edit < newer, "ids are the queue's order");
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void twoProcessesQueueingTheSameKey_queueItOnce(String url) throws Exception {
    try (JdbcFleetStore first = JdbcFleetStore.open(url); JdbcFleetStore second = JdbcFleetStore.open(url)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        var queued = new java.util.ArrayList<Future<Long>>();
        for (int i = 0; i < 8; i++) {
          JdbcFleetStore store = i % 2 == 0 ? first : second;
          queued.add(pool.submit(
              () -> store.enqueue(new NewMessage("C9", Kind.POST, "prompt:42", null, "{}", null, LATER), T0)));
        }
        long id = queued.get(0).get();
        for (Future<Long> each : queued) {
          assertEquals(id, each.get());
        }
        assertEquals(1, first.laneHeads().stream().filter(m -> m.lane().equals("C9")).count());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void anIncidentIsOpenedOnce_mentioned_resolved_andMayOpenAgain(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      assertTrue(store.openAlertThread(new AlertThread("unhealthy:7", "alert:summary:1", T0, null, T0)));
      assertFalse(store.openAlertThread(new AlertThread("unhealthy:7", "alert:other", T0, null, T0)));
      store.openAlertThread(new AlertThread("unhealthy:8", "alert:summary:1", T0, null, T0));
      store.markAlertMentioned("unhealthy:7", T0.plusSeconds(60));
      assertEquals(List.of("unhealthy:7", "unhealthy:8"),
          store.openAlertThreads().stream().map(AlertThread::incident).toList());
      assertEquals(T0.plusSeconds(60), store.alertThread("unhealthy:7").orElseThrow().lastMentionedAt());
      assertTrue(store.resolveAlertThread("unhealthy:7", T0.plusSeconds(120)));
      assertFalse(store.resolveAlertThread("unhealthy:7", T0.plusSeconds(121)));
      assertEquals(List.of("unhealthy:8"), store.openAlertThreads().stream().map(AlertThread::incident).toList());
      assertTrue(store.openAlertThread(new AlertThread("unhealthy:7", "alert:unhealthy:7:2", T0.plusSeconds(300),
          null, T0.plusSeconds(300))), "a cleared incident may begin again");
      assertEquals("alert:unhealthy:7:2", store.alertThread("unhealthy:7").orElseThrow().threadKey());
    }
  }
}
