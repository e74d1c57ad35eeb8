package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.ProvisionPrice;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.sync.SyncRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Approvals, provision prices, terminations and sync records on SQLite and PostgreSQL; guarded
 * writes decide once.
 */
class ApprovalStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  @TempDir static Path dir;

  static Stream<String> stores() {
    return Stream.of(JdbcFleetStore.defaultUrl(dir), LocalPostgres.freshSchemaUrl());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aDecisionIsRecordedOnce_andAnOperationMovesOnlyFromTheStateItIsIn(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      long op = store.startOperation("terminate", "U0ALICE", "vast-7", T0);
      store.recordTermination(new TerminationRecord(op, 7, false));
      store.recordApprovalRequest(ApprovalRequest.pending(op, "terminate", "vast-7", "U0ALICE", "vast-7: idle",
          T0, T0.plusSeconds(1800)));
      assertEquals(List.of(op), store.pendingApprovals().stream().map(ApprovalRequest::operationId).toList());

      assertTrue(store.decideApproval(op, ApprovalDecision.APPROVED, "U0BOB", T0.plusSeconds(60)));
      assertFalse(store.decideApproval(op, ApprovalDecision.DENIED, "U0CAROL", T0.plusSeconds(61)),
          "a second decision changes nothing");
      var decided = store.approvalRequest(op).orElseThrow();
      assertEquals(ApprovalDecision.APPROVED, decided.decision());
      assertEquals("U0BOB", decided.decidedBy());
      assertTrue(store.pendingApprovals().isEmpty());

      assertTrue(store.transitionOperation(op, OperationState.REQUESTED, OperationState.APPROVED, "ok", T0));
      assertFalse(store.transitionOperation(op, OperationState.REQUESTED, OperationState.DENIED, "late", T0));
      assertEquals(OperationState.APPROVED, store.operation(op).orElseThrow().state());
      assertEquals(new TerminationRecord(op, 7, false), store.termination(op).orElseThrow());
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aProvisionRequestsPriceIsKeptOnce_andAPersonsProvisionHasNone(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      long asked = store.startOperation("provision", "autoscaler", "selfplay: 2 × RTX 3060", T0);
      long persons = store.startOperation("provision", "U0ALICE", "1 × RTX 4090", T0);
      store.recordProvisionPrice(asked, new ProvisionPrice(2, 0.134, 7.25));

      assertEquals(Optional.of(new ProvisionPrice(2, 0.134, 7.25)), store.provisionPrice(asked));
      assertEquals(Optional.empty(), store.provisionPrice(persons));
      assertThrows(RuntimeException.class, () -> store.recordProvisionPrice(asked, new ProvisionPrice(1, 9, 9)),
          "a request is priced once");
      assertEquals(Optional.of(new ProvisionPrice(2, 0.134, 7.25)), store.provisionPrice(asked));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void theLatestSyncOfEachInstanceIsKept(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      store.recordSync(new SyncRecord(7, T0, 3, 100, false, "unreachable"));
      store.recordSync(new SyncRecord(7, T0.plusSeconds(5), 4, 200, true, "verified"));
      store.recordSync(new SyncRecord(8, T0, 1, 1, true, "verified"));
      assertEquals(List.of(new SyncRecord(7, T0.plusSeconds(5), 4, 200, true, "verified"),
          new SyncRecord(8, T0, 1, 1, true, "verified")), store.syncRecords());
    }
  }
}
