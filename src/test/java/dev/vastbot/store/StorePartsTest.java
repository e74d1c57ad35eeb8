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
import dev.vastbot.fleet.port.AlertStore;
import dev.vastbot.fleet.port.ApprovalStore;
import dev.vastbot.fleet.port.AuditLog;
import dev.vastbot.fleet.port.AutoscaleStore;
import dev.vastbot.fleet.port.HealthStore;
import dev.vastbot.fleet.port.HostKeyPins;
import dev.vastbot.fleet.port.InstanceStore;
import dev.vastbot.fleet.port.OperationJournal;
import dev.vastbot.fleet.port.OutboxStore;
import dev.vastbot.fleet.port.SpendStore;
import dev.vastbot.fleet.reservation.Commitments;
import dev.vastbot.fleet.reservation.ReservationRequest;
import dev.vastbot.fleet.sync.SyncRecord;
import dev.vastbot.testing.InMemoryFleetStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each port's JDBC part works alone, built on a {@link StoreDatabase} without the aggregate {@link
 * JdbcFleetStore}, on SQLite and PostgreSQL; parts on one database see each other's rows; a part
 * fails clearly once its database is closed. The same scenarios run on the in-memory fakes of
 * {@code testing/}, so a test that uses a fake sees what the database would do.
 */
class StorePartsTest {
  private static final Instant T0 = Instant.parse("2026-12-10T10:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-12-10");
  @TempDir static Path dir;

  static Stream<String> databases() {
    String sqlite = StoreDatabase.defaultUrl(dir.resolve("parts-" + Long.toUnsignedString(System.nanoTime(), 36)));
    return Stream.of(sqlite, LocalPostgres.freshSchemaUrl());
  }

  static Stream<Backend> backends() {
    return Stream.concat(databases().map(url -> new Backend(url.startsWith("jdbc:sqlite") ? "SQLite" : "PostgreSQL",
        () -> new DatabaseParts(StoreDatabase.open(url)))), Stream.of(new Backend("in memory", MemoryParts::new)));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void theOperationJournal_startsAndMovesOperations(Backend backend) {
    try (Parts parts = backend.open()) {
      var journal = parts.journal();
      long op = journal.startOperation("provision", "U0ALICE", "2x RTX 4090", T0);
      assertTrue(journal.transitionOperation(op, OperationState.REQUESTED, OperationState.APPROVED, "ok", T0));
      assertFalse(journal.transitionOperation(op, OperationState.REQUESTED, OperationState.DENIED, "late", T0));
      assertEquals(OperationState.APPROVED, journal.recentOperations(5).get(0).state());
      assertEquals(List.of(op), journal.openOperations("provision").stream().map(o -> o.id()).toList());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void theApprovalStore_decidesOnce(Backend backend) {
    try (Parts parts = backend.open()) {
      long op = parts.journal().startOperation("terminate", "U0ALICE", "vast-7", T0);
      var approvals = parts.approvals();
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
  @MethodSource("backends")
  void theAuditLog_readsNewestFirst(Backend backend) {
    try (Parts parts = backend.open()) {
      var audit = parts.audit();
      audit.appendAudit(new AuditEntry(T0, "U0ALICE", "scale-up", "2", "ok"));
      audit.appendAudit(new AuditEntry(T0.plusSeconds(1), "U0BOB", "shutdown", "vast-7", "asked"));
      assertEquals(List.of("shutdown", "scale-up"), audit.recentAudit(10).stream().map(AuditEntry::action).toList());
      assertThrows(IllegalArgumentException.class, () -> audit.recentAudit(-1));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void theSpendStore_accruesASpanOnce(Backend backend) {
    try (Parts parts = backend.open()) {
      var spend = parts.spend();
      var accrual = new Accrual(null, T0, T0.plusSeconds(3600), List.of(new InstanceSpend(DAY, 7, 0.5)));
      assertTrue(spend.accrueSpend(accrual));
      assertFalse(spend.accrueSpend(accrual), "the mark moved: the same span again adds nothing");
      assertEquals(0.5, spend.dailySpend(DAY, DAY).get(0).dollars(), 1e-9);
      assertTrue(spend.claimCostWarning(DAY, T0));
      assertFalse(spend.claimCostWarning(DAY, T0.plusSeconds(1)));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void theOutboxStore_queuesAKeyOnce(Backend backend) {
    try (Parts parts = backend.open()) {
      var outbox = parts.outbox();
      var message = new NewMessage("C1", OutboxMessage.Kind.POST, "prompt:1", null, "{}", null, T0.plusSeconds(600));
      long id = outbox.enqueue(message, T0);
      assertEquals(id, outbox.enqueue(message, T0.plusSeconds(1)));
      assertEquals(1, outbox.pendingMessages());
      outbox.markSent(id, "C1", "1.0", T0.plusSeconds(2));
      assertEquals(OutboxMessage.State.SENT, outbox.outboxMessage("prompt:1").orElseThrow().state());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void theInstanceStore_tracksInstancesAndSyncs(Backend backend) {
    try (Parts parts = backend.open()) {
      var instances = parts.instances();
      instances.recordObservation(List.of(running(1), running(2)), T0);
      instances.recordObservation(List.of(running(2)), T0.plusSeconds(60));
      assertEquals(T0.plusSeconds(60), instances.trackedInstance(1).orElseThrow().goneAt());
      instances.recordSync(new SyncRecord(2, T0, 3, 1024, true, "ok"));
      assertEquals(List.of(2L), instances.syncRecords().stream().map(SyncRecord::instanceId).toList());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void theHealthStore_countsFailuresAndSetups(Backend backend) {
    try (Parts parts = backend.open()) {
      var health = parts.health();
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
  @MethodSource("backends")
  void theAutoscaleStore_keepsTheFirstGroupAndThePool(Backend backend) {
    try (Parts parts = backend.open()) {
      var autoscale = parts.autoscale();
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
  @MethodSource("backends")
  void theAlertStore_opensAnIncidentOnce(Backend backend) {
    try (Parts parts = backend.open()) {
      var alerts = parts.alerts();
      assertTrue(alerts.openAlertThread(new AlertThread("unhealthy:7", "thread-1", T0, null, T0)));
      assertFalse(alerts.openAlertThread(new AlertThread("unhealthy:7", "thread-2", T0.plusSeconds(1), null,
          T0.plusSeconds(1))));
      assertTrue(alerts.resolveAlertThread("unhealthy:7", T0.plusSeconds(60)));
      assertTrue(alerts.openAlertThreads().isEmpty());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void theHostKeyPins_keepTheFirstPin(Backend backend) {
    try (Parts parts = backend.open()) {
      var pins = parts.pins();
      pins.pin(7, "ssh-ed25519 AAAAfirst", T0);
      pins.pin(7, "ssh-ed25519 AAAAsecond", T0.plusSeconds(1));
      assertEquals(Optional.of("ssh-ed25519 AAAAfirst"), pins.pinnedKey(7));
      pins.unpin(7);
      assertEquals(Optional.empty(), pins.pinnedKey(7));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void partsOnOneDatabase_seeEachOthersRows(Backend backend) {
    try (Parts parts = backend.open()) {
      var instances = parts.instances();
      var autoscale = parts.autoscale();
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

  private static Commitments committed(InstanceStore instances, Instant at) {
    var seen = new AtomicReference<Commitments>();
    var request = new ReservationRequest(99, Optional.empty(), 1, 0.5, Set.of(), Set.of(),
        new SpendSoFar(Spend.none(), Spend.none()), at, Duration.ofMinutes(10));
    instances.reserve(request, (asked, commitments) -> {
      seen.set(commitments);
      return Optional.empty();
    });
    return seen.get();
  }

  /** Where a test's parts come from, named for the test report. */
  record Backend(String name, Supplier<Parts> parts) {
    Parts open() {
      return parts.get();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** One part per port, all on one store; closing releases the store. */
  interface Parts extends AutoCloseable {
    OperationJournal journal();

    ApprovalStore approvals();

    AuditLog audit();

    SpendStore spend();

    OutboxStore outbox();

    InstanceStore instances();

    HealthStore health();

    AutoscaleStore autoscale();

    AlertStore alerts();

    HostKeyPins pins();

    @Override
    void close();
  }

  /** Each part built on its own on the database, as the composition root could: no aggregate. */
  record DatabaseParts(StoreDatabase database) implements Parts {
    public OperationJournal journal() {
      return new JdbcOperationJournal(database);
    }

    public ApprovalStore approvals() {
      return new JdbcApprovalStore(database);
    }

    public AuditLog audit() {
      return new JdbcAuditLog(database);
    }

    public SpendStore spend() {
      return new JdbcSpendStore(database);
    }

    public OutboxStore outbox() {
      return new JdbcOutboxStore(database);
    }

    public InstanceStore instances() {
      return new JdbcInstanceStore(database);
    }

    public HealthStore health() {
      return new JdbcHealthStore(database);
    }

    public AutoscaleStore autoscale() {
      return new JdbcAutoscaleStore(database);
    }

    public AlertStore alerts() {
      return new JdbcAlertStore(database);
    }

    public HostKeyPins pins() {
      return new JdbcHostKeyPins(database);
    }

    public void close() {
      database.close();
    }
  }

  /** The fakes, as {@link InMemoryFleetStore} composes them. */
  record MemoryParts(InMemoryFleetStore store) implements Parts {
    MemoryParts() {
      this(new InMemoryFleetStore());
    }

    public OperationJournal journal() {
      return store.operationJournal();
    }

    public ApprovalStore approvals() {
      return store.approvalStore();
    }

    public AuditLog audit() {
      return store.auditLog();
    }

    public SpendStore spend() {
      return store.spendStore();
    }

    public OutboxStore outbox() {
      return store.outboxStore();
    }

    public InstanceStore instances() {
      return store.instanceStore();
    }

    public HealthStore health() {
      return store.healthStore();
    }

    public AutoscaleStore autoscale() {
      return store.autoscaleStore();
    }

    public AlertStore alerts() {
      return store.alertStore();
    }

    public HostKeyPins pins() {
      return store.pins();
    }

    public void close() {
      store.close();
    }
  }
}
