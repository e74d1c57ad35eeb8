package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.StoreException;
import dev.vastbot.fleet.TrackedInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcFleetStoreTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");
  private static final Instant T1 = T0.plus(Duration.ofMinutes(1));
  private static final Instant T2 = T0.plus(Duration.ofMinutes(2));

  @TempDir Path dir;
  private JdbcFleetStore store;

  @BeforeEach
  void openStore() {
    store = JdbcFleetStore.open(JdbcFleetStore.defaultUrl(dir));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static Instance instance(long id, String label, InstanceState state, String rawStatus) {
    return new Instance(
        id, label, "RTX 4090", 2, state, rawStatus, null, null, null, null,
        0.5, 0.01, 50, false, null, null, null);
  }

  static Instance running(long id) {
    return instance(id, "vastbot-" + id, InstanceState.RUNNING, "running");
  }

  @Test
  void defaultUrlIsTheSqliteFileInTheVarFolder() {
    assertEquals("jdbc:sqlite:" + dir.resolve("vastbot.db"), JdbcFleetStore.defaultUrl(dir));
  }

  @Test
  void anObservedInstanceReadsBackAsTracked() {
    store.recordObservation(List.of(running(7)), T0);

    TrackedInstance expected =
        new TrackedInstance(7, "vastbot-7", "RTX 4090", 2, "running", T0, T0, null);
    assertEquals(List.of(expected), store.trackedInstances());
    assertEquals(Optional.of(expected), store.trackedInstance(7));
    assertEquals(Optional.empty(), store.trackedInstance(8));
  }

  @Test
  void theStatusStoredIsTheDisplayStatus() {
    store.recordObservation(List.of(instance(1, null, InstanceState.UNKNOWN, "weird")), T0);

    TrackedInstance tracked = store.trackedInstance(1).orElseThrow();
    assertEquals("unknown (weird)", tracked.status());
    assertNull(tracked.label());
  }

  @Test
  void aLaterObservationUpdatesButKeepsFirstSeen() {
    store.recordObservation(List.of(running(7)), T0);
    store.recordObservation(List.of(instance(7, "renamed", InstanceState.STOPPED, "stopped")), T1);

    TrackedInstance tracked = store.trackedInstance(7).orElseThrow();
    assertEquals(
        new TrackedInstance(7, "renamed", "RTX 4090", 2, "stopped", T0, T1, null), tracked);
  }

  @Test
  void anInstanceMissingFromAnObservationIsGoneOnceAndKeepsItsFirstGoneTime() {
    store.recordObservation(List.of(running(1), running(2)), T0);
    store.recordObservation(List.of(running(1)), T1);
    store.recordObservation(List.of(running(1)), T2);

    TrackedInstance gone = store.trackedInstance(2).orElseThrow();
    assertTrue(gone.gone());
    assertEquals(T1, gone.goneAt());
    assertEquals(T0, gone.lastSeen());
    assertNull(store.trackedInstance(1).orElseThrow().goneAt());
    assertEquals(2, store.trackedInstances().size());
  }

  @Test
  void anInstanceThatReappearsIsNoLongerGone() {
    store.recordObservation(List.of(running(1)), T0);
    store.recordObservation(List.of(), T1);
    store.recordObservation(List.of(running(1)), T2);

    TrackedInstance back = store.trackedInstance(1).orElseThrow();
    assertNull(back.goneAt());
    assertEquals(T0, back.firstSeen());
    assertEquals(T2, back.lastSeen());
  }

  @Test
  void anEmptyObservationMarksEveryInstanceGone() {
    store.recordObservation(List.of(running(1), running(2)), T0);
    store.recordObservation(List.of(), T1);

    assertTrue(store.trackedInstances().stream().allMatch(i -> T1.equals(i.goneAt())));
  }

  @Test
  void anOperationStartsRequestedAndMovesThroughStates() {
    long id = store.startOperation("provision", "U123", "RTX 4090 x2", T0);

    assertEquals(
        Optional.of(new Operation(id, "provision", "U123", "RTX 4090 x2",
            OperationState.REQUESTED, null, T0, T0)),
        store.operation(id));

    store.updateOperation(id, OperationState.RUNNING, "creating instance", T1);
    store.updateOperation(id, OperationState.FAILED, "no offer under $0.50/h", T2);

    assertEquals(
        new Operation(id, "provision", "U123", "RTX 4090 x2",
            OperationState.FAILED, "no offer under $0.50/h", T0, T2),
        store.operation(id).orElseThrow());
  }

  @Test
  void operationIdsAreDistinctAndUnknownIdsAreEmpty() {
    long first = store.startOperation("provision", "cli", "a", T0);
    long second = store.startOperation("destroy", "cli", "b", T0);

    assertTrue(first != second);
    assertEquals(Optional.empty(), store.operation(second + 100));
  }

  @Test
  void updatingAnUnknownOperationFailsNamingIt() {
    StoreException failure =
        assertThrows(StoreException.class,
            () -> store.updateOperation(42, OperationState.RUNNING, "x", T0));

    assertTrue(failure.getMessage().contains("operation 42"), failure.getMessage());
  }

  @Test
  void recentOperationsAreNewestFirstAndLimited() {
    long older = store.startOperation("provision", "cli", "a", T0);
    long newest = store.startOperation("provision", "cli", "b", T2);
    long sameTimeLater = store.startOperation("destroy", "cli", "c", T2);
    long middle = store.startOperation("provision", "cli", "d", T1);

    List<Long> ids = store.recentOperations(10).stream().map(Operation::id).toList();
    assertEquals(List.of(sameTimeLater, newest, middle, older), ids);
    assertEquals(2, store.recentOperations(2).size());
    assertEquals(List.of(), store.recentOperations(0));
    assertThrows(IllegalArgumentException.class, () -> store.recentOperations(-1));
  }

  @Test
  void auditEntriesRoundTripNewestFirst() {
    AuditEntry first = new AuditEntry(T0, "U1", "provision", "RTX 4090 x2", "requested");
    AuditEntry second = new AuditEntry(T1, "loop:keepalive", "reboot", "instance 7", "ok");
    AuditEntry third = new AuditEntry(T1, "cli", "destroy", null, null);
    store.appendAudit(first);
    store.appendAudit(second);
    store.appendAudit(third);

    assertEquals(List.of(third, second, first), store.recentAudit(10));
    assertEquals(List.of(third), store.recentAudit(1));
  }

  @Test
  void timesKeepMillisecondPrecision() {
    Instant withNanos = Instant.parse("2025-03-01T10:00:00.123456789Z");
    store.appendAudit(new AuditEntry(withNanos, "cli", "x", "y", "z"));

    assertEquals(Instant.parse("2025-03-01T10:00:00.123Z"), store.recentAudit(1).get(0).at());
  }

  @Test
  void stateSurvivesReopening() {
    store.recordObservation(List.of(running(3)), T0);
    long id = store.startOperation("provision", "cli", "a", T0);
    store.appendAudit(new AuditEntry(T0, "cli", "provision", "a", "ok"));
    store.close();

    store = JdbcFleetStore.open(JdbcFleetStore.defaultUrl(dir));

    assertEquals(1, store.trackedInstances().size());
    assertEquals(OperationState.REQUESTED, store.operation(id).orElseThrow().state());
    assertEquals(1, store.recentAudit(10).size());
  }

  @Test
  void aClosedStoreFailsClearly() {
    store.close();
    store.close();

    StoreException failure = assertThrows(StoreException.class, store::trackedInstances);
    assertTrue(failure.getMessage().contains("closed"), failure.getMessage());
  }

  @Test
  void aSweepsChecksRecordedAtOnce_readBackAsOneHostAtATime_asTheDefaultOfEveryStoreDoes() {
    HealthChecksRoundTrip.recordsASweepAsOneHostAtATimeWould(store);
    HealthChecksRoundTrip.recordsASweepAsOneHostAtATimeWould(new dev.vastbot.testing.InMemoryFleetStore());
  }

  @Test
  void theReadsCommandsAnswerFrom_doNotWaitForAnotherConnectionsWriteLock() throws Exception {
    store.recordLoopTick(new dev.vastbot.fleet.LoopTick("health", T0, T1, true, "3 healthy"));
    store.startOperation("provision", "U1", "RTX 4090 x2", T0);
    store.appendAudit(new AuditEntry(T0, "cli", "provision", "RTX 4090 x2", "ok"));
    try (java.sql.Connection writer = java.sql.DriverManager.getConnection(JdbcFleetStore.defaultUrl(dir))) {
      writer.setAutoCommit(false);
      try (java.sql.Statement statement = writer.createStatement()) {
        statement.execute("INSERT INTO audit_log (at, actor, action, target, outcome)"
            + " VALUES (0, 'test', 'hold', 'the write lock', 'held')");
      }
      // the store's busy timeout is 5 s: a read queued behind the writer would fail, not just wait
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
        assertEquals("3 healthy", store.lastLoopTick("health").orElseThrow().outcome());
        assertEquals(1, store.recentOperations(5).size());
        assertEquals(1, store.recentAudit(5).size(), "what the writer has not committed is not seen");
        assertEquals(List.of(), store.syncRecords());
        assertEquals(Optional.empty(), store.spendMark());
        assertEquals(List.of(), store.dailySpend(T0.atZone(java.time.ZoneOffset.UTC).toLocalDate(),
            T1.atZone(java.time.ZoneOffset.UTC).toLocalDate()));
      });
      writer.rollback();
    }
  }
}
