package dev.vastbot.store;

import static dev.vastbot.store.JdbcFleetStoreTest.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.AlertThread;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.HealthCheckRecord;
import dev.vastbot.fleet.LoopTick;
import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.StoreException;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.autoscale.PoolMember;
import dev.vastbot.fleet.autoscale.Spend;
import dev.vastbot.fleet.autoscale.SpendSoFar;
import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.InstanceSpend;
import dev.vastbot.fleet.outbox.NewMessage;
import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.fleet.reservation.Commitments;
import dev.vastbot.fleet.reservation.ReservationRequest;
import dev.vastbot.fleet.sync.SyncRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each port's JDBC part works alone, built on a {@link StoreDatabase} without the aggregate {@link
 * JdbcFleetStore}, on SQLite and PostgreSQL; parts on one database see each other's rows; a part
 * fails clearly once its database is closed.
 */
class StorePartsTest {
  private static final Instant T0 = Instant.parse("2026-12-10T10:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-12-10");
  @TempDir static Path dir;

  static Stream<String> databases() {
    String sqlite = StoreDatabase.defaultUrl(dir.resolve("parts-" + Long.toUnsignedString(System.nanoTime(), 36)));
    return Stream.of(sqlite, LocalPostgres.freshSchemaUrl());
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theOperationJournal_startsAndMovesOperations(String url) {
    try (StoreDatabase database = StoreDatabase.open(url)) {
      var journal = new JdbcOperationJournal(database);
      long op = journal.startOperation("provision", "U0ALICE", "2x RTX 4090", T0);
      assertTrue(journal.transitionOperation(op, OperationState.REQUESTED, OperationState.APPROVED, "ok", T0));
      assertFalse(journal.transitionOperation(op, OperationState.REQUESTED, OperationState.DENIED, "late", T0));
      assertEquals(OperationState.APPROVED, journal.recentOperations(5).get(0).state());
      assertEquals(List.of(op), journal.openOperations("provision").stream().map(o -> o.id()).toList());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theApprovalStore_decidesOnce(String url) {
    try (StoreDatabase database = StoreDatabase.open(url)) {
      long op = new JdbcOperationJournal(database).startOperation("terminate", "U0ALICE", "vast-7", T0);
      var approvals = new JdbcApprovalStore(database);
      approvals.recordTermination(new TerminationRecord(op, 7, false));
      approvals.recordApprovalRequest(ApprovalRequest.pending(op, "terminate", "vast-7", "U0ALICE", "idle", T0,
          T0.plusSeconds(1800)));
      assertTrue(approvals.decideApproval(op, ApprovalDecision.APPROVED, "U0BOB", T0.plusSeconds(5)));
      assertFalse(approvals.decideApproval(op, ApprovalDecision.DENIED, "U0CAROL", T0.plusSeconds(6)));
      assertEquals("U0BOB", approvals.approvalRequest(op).orElseThrow().decidedBy());
      assertEquals(new TerminationRecord(op, 7, false), approvals.termination(op).orElseThrow());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theAuditLog_readsNewestFirst(String url) {
    try (StoreDatabase database = StoreDatabase.open(url)) {
      var audit = new JdbcAuditLog(database);
      audit.appendAudit(new AuditEntry(T0, "U0ALICE", "scale-up", "2", "ok"));
      audit.appendAudit(new AuditEntry(T0.plusSeconds(1), "U0BOB", "shutdown", "vast-7", "asked"));
      assertEquals(List.of("shutdown", "scale-up"), audit.recentAudit(10).stream().map(AuditEntry::action).toList());
      assertThrows(IllegalArgumentException.class, () -> audit.recentAudit(-1));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theSpendStore_accruesASpanOnce(String url) {
    try (StoreDatabase database = StoreDatabase.open(url)) {
      var spend = new JdbcSpendStore(database);
      var accrual = new Accrual(null, T0, T0.plusSeconds(3600), List.of(new InstanceSpend(DAY, 7, 0.5)));
      assertTrue(spend.accrueSpend(accrual));
      assertFalse(spend.accrueSpend(accrual), "the mark moved: the same span again adds nothing");
      assertEquals(0.5, spend.dailySpend(DAY, DAY).get(0).dollars(), 1e-9);
      assertTrue(spend.claimCostWarning(DAY, T0));
      assertFalse(spend.claimCostWarning(DAY, T0.plusSeconds(1)));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theOutboxStore_queuesAKeyOnce(String url) {
    try (StoreDatabase database = StoreDatabase.open(url)) {
      var outbox = new JdbcOutboxStore(database);
      var message = new NewMessage("C1", OutboxMessage.Kind.POST, "prompt:1", null, "{}", null, T0.plusSeconds(600));
      long id = outbox.enqueue(message, T0);
      assertEquals(id, outbox.enqueue(message, T0.plusSeconds(1)));
      assertEquals(1, outbox.pendingMessages());
      outbox.markSent(id, "C1", "1.0", T0.plusSeconds(2));
      assertEquals(OutboxMessage.State.SENT, outbox.outboxMessage("prompt:1").orElseThrow().state());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theInstanceStore_tracksInstancesAndSyncs(String url) {
    try (StoreDatabase database = StoreDatabase.open(url)) {
      var instances = new JdbcInstanceStore(database);
      instances.recordObservation(List.of(running(1), running(2)), T0);
      instances.recordObservation(List.of(running(2)), T0.plusSeconds(60));
      assertEquals(T0.plusSeconds(60), instances.trackedInstance(1).orElseThrow().goneAt());
      instances.recordSync(new SyncRecord(2, T0, 3, 1024, true, "ok"));
      assertEquals(List.of(2L), instances.syncRecords().stream().map(SyncRecord::instanceId).toList());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theHealthStore_countsFailuresAndSetups(String url) {
    try (StoreDatabase database = StoreDatabase.open(url)) {
      var health = new JdbcHealthStore(database);
      health.recordHealthChecks(List.of(new HealthCheckRecord(7, false, "unreachable", true, 12)), T0);
      var second = health.recordHealthChecks(List.of(new HealthCheckRecord(7, false, "unreachable", true, null)),
          T0.plusSeconds(60));
      assertEquals(1, second.get(0).failuresBefore());
      assertEquals(2, health.healthStreak(7).orElseThrow().consecutiveFailures());
      assertEquals(Optional.of(T0), health.gpuIdleSince(7));
      assertEquals(Optional.of(12), health.gamesLastHour(7, T0));
      health.startSetup(8, OpenSetup.PROVISION, T0);
      assertTrue(health.endSetup(new OpenSetup(8, OpenSetup.PROVISION, T0), OpenSetup.OVERDUE, T0.plusSeconds(900)));
      assertEquals(Set.of(8L), health.overdueSetups());
      health.recordLoopTick(new LoopTick("health", T0, T0.plusSeconds(1), true, "7 checked"));
      assertEquals("7 checked", health.lastLoopTick("health").orElseThrow().outcome());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theAutoscaleStore_keepsTheFirstGroupAndThePool(String url) {
    try (StoreDatabase database = StoreDatabase.open(url)) {
      var autoscale = new JdbcAutoscaleStore(database);
      assertEquals("selfplay", autoscale.assignAutoscaleGroup(7, "selfplay", T0));
      assertEquals("selfplay", autoscale.assignAutoscaleGroup(7, "training", T0.plusSeconds(1)));
      autoscale.markScale("selfplay", "up", T0);
      assertEquals(Optional.of(T0), autoscale.lastScale("selfplay", "up"));
      autoscale.addPoolMember(new PoolMember(7, "selfplay", T0, T0, 50, 0.01, 0.5));
      assertTrue(autoscale.removePoolMember(7));
      assertFalse(autoscale.removePoolMember(7));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theAlertStore_opensAnIncidentOnce(String url) {
    try (StoreDatabase database = StoreDatabase.open(url)) {
      var alerts = new JdbcAlertStore(database);
      assertTrue(alerts.openAlertThread(new AlertThread("unhealthy:7", "thread-1", T0, null, T0)));
      assertFalse(alerts.openAlertThread(new AlertThread("unhealthy:7", "thread-2", T0.plusSeconds(1), null,
          T0.plusSeconds(1))));
      assertTrue(alerts.resolveAlertThread("unhealthy:7", T0.plusSeconds(60)));
      assertTrue(alerts.openAlertThreads().isEmpty());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theHostKeyPins_keepTheFirstPin(String url) {
    try (StoreDatabase database = StoreDatabase.open(url)) {
      var pins = new JdbcHostKeyPins(database);
      pins.pin(7, "ssh-ed25519 AAAAfirst", T0);
      pins.pin(7, "ssh-ed25519 AAAAsecond", T0.plusSeconds(1));
      assertEquals(Optional.of("ssh-ed25519 AAAAfirst"), pins.pinnedKey(7));
      pins.unpin(7);
      assertEquals(Optional.empty(), pins.pinnedKey(7));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void partsOnOneDatabase_seeEachOthersRows(String url) {
    try (StoreDatabase database = StoreDatabase.open(url)) {
      var instances = new JdbcInstanceStore(database);
      var autoscale = new JdbcAutoscaleStore(database);
      instances.recordObservation(List.of(running(1), running(2)), T0);
      autoscale.assignAutoscaleGroup(1, "selfplay", T0);
      autoscale.addPoolMember(new PoolMember(2, "selfplay", T0, T0, 50, 0.01, 0.5));

      Commitments committed = committed(instances, T0.plusSeconds(1));

      assertEquals(Set.of(2L), committed.pooled(), "the pool the autoscale part keeps");
      assertEquals(Optional.of("selfplay"), committed.live().stream().filter(l -> l.id() == 1).findFirst()
          .orElseThrow().group(), "the group the autoscale part gave");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aPartOfAClosedDatabase_failsSayingSo(String url) {
    StoreDatabase database = StoreDatabase.open(url);
    var journal = new JdbcOperationJournal(database);
    database.close();
    database.close(); // idempotent

    StoreException failure = assertThrows(StoreException.class, () -> journal.operation(1));

    assertEquals("could not read operation 1: the store is closed", failure.getMessage());
  }

  private static Commitments committed(JdbcInstanceStore instances, Instant at) {
    var seen = new AtomicReference<Commitments>();
    var request = new ReservationRequest(99, Optional.empty(), 1, 0.5, Set.of(), Set.of(),
        new SpendSoFar(Spend.none(), Spend.none()), at, Duration.ofMinutes(10));
    instances.reserve(request, (asked, commitments) -> {
      seen.set(commitments);
      return Optional.empty();
    });
    return seen.get();
  }
}
