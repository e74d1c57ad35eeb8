package dev.vastbot.service.termination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalPolicy;
import dev.vastbot.fleet.p2p.P2pCommands;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.work.WorkerCommands;
import dev.vastbot.fleet.work.WorkloadTable;
import dev.vastbot.service.approval.ApprovalDesk;
import dev.vastbot.service.p2p.P2pNetwork;
import dev.vastbot.service.p2p.RejoinWait;
import dev.vastbot.service.provision.InstanceWaiter;
import dev.vastbot.service.work.WorkerControl;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.testing.ScriptedShell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TerminatorTest {
  private static final long ID = 7;
  private static final Actor ALICE = new Actor("U0ALICE");
  private static final Actor BOB = new Actor("U0BOB");
  private static final Actor MALLORY = new Actor("U0MALLORY");
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(ID, "RTX 4090");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final ScriptedShell shell = new ScriptedShell();
  private final List<Alert> alerts = new ArrayList<>();
  private final AtomicInteger pulls = new AtomicInteger();
  private SyncReport nextReport = verified();
  private final DataSync sync = (target, request, progress) -> {
    pulls.incrementAndGet();
    assertTrue(vast.calls().stream().noneMatch(c -> c.startsWith("destroy")), "synced before any destroy");
    return nextReport;
  };

  private static final String DATA = "/root/data";
  private static final String MODELS = "/root/models";

  private Terminator terminator(boolean allowSelfApproval) {
    var fleet = FleetSnapshots.uncached(vast, clock);
    var workers = new WorkerControl(shell, new WorkerCommands("generate_data", "start {board}", "", "logs/*.log"),
        new WorkloadTable(Map.of(), "square8"), Duration.ofSeconds(5));
    var network = new P2pNetwork(fleet, shell, new P2pCommands("run {node_id} {peers}", 8770, "/health", "p2p.log"),
        node -> List.of(), Duration.ofSeconds(5), new RejoinWait(Duration.ofSeconds(3), clock, clock.pause()),
        text -> java.util.Optional.empty());
    var account = new InstanceAccount(vast, fleet, new InstanceWaiter(vast, clock, clock.pause()), clock.pause());
    return new Terminator(account,
        store, sync, new InstanceWork(workers, network), alerts::add,
        new ApprovalDesk(store,
            new ApprovalPolicy(Set.of("U0ALICE", "U0BOB"), allowSelfApproval, Duration.ofMinutes(30)),
            ApprovalPrompts.NONE, clock),
        new TerminationSettings(List.of(DATA, MODELS), Path.of("var/sync"), Duration.ofMinutes(10),
            Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofMinutes(1), Set.of(MODELS)),
        clock);
  }

  private static SyncReport verified() {
    return new SyncReport(3, 0, 1234, 1, List.of(), null, null, List.of(), Duration.ofSeconds(1));
  }

  private final Terminator terminator = terminator(false);

  private long requested() {
    return terminator.request(ID, ALICE, false, "idle").operation().id();
  }

  @Test
  void approvedTermination_quiescesSyncsVerifiesThenDestroys_andConfirmsItIsGone() throws Exception {
    long op = requested();
    assertEquals(OperationState.AWAITING_APPROVAL, store.operation(op).orElseThrow().state());
    assertTrue(terminator.decide(op, BOB, ApprovalDecision.APPROVED).counted());

    Operation ended = terminator.proceed(op, SyncProgress.NONE);

    assertEquals(OperationState.SUCCEEDED, ended.state(), ended.detail());
    assertEquals(1, pulls.get());
    assertTrue(vast.findInstance(ID).isEmpty());
    assertTrue(shell.commands().stream().anyMatch(c -> c.contains("[g]enerate_data")), "workers stopped first");
    assertTrue(shell.commands().stream().anyMatch(c -> c.contains("[p]2p_orchestrator")), "orchestrator stopped");
    assertTrue(store.syncRecords().get(0).verified());
    assertTrue(store.recentAudit(10).stream().anyMatch(e -> e.action().equals("destroy")));
  }

  @Test
  void nothingHappens_untilAnApproverApproves() throws Exception {
    long op = requested();
    terminator.proceed(op, SyncProgress.NONE);
    assertEquals(OperationState.AWAITING_APPROVAL, store.operation(op).orElseThrow().state());
    assertEquals(0, pulls.get());
    assertTrue(vast.findInstance(ID).isPresent());
  }

  @Test
  void aDeniedTermination_keepsTheInstance_andTouchesNothing() throws Exception {
    long op = requested();
    assertTrue(terminator.decide(op, BOB, ApprovalDecision.DENIED).counted());
    assertEquals(OperationState.DENIED, terminator.proceed(op, SyncProgress.NONE).state());
    assertEquals(0, pulls.get());
    assertTrue(shell.commands().isEmpty());
    assertTrue(vast.findInstance(ID).isPresent());
  }

  @Test
  void nonApproverSelfApprovalDoubleClickAndExpiry_changeNothing_andSayWhy() {
    long op = requested();
    var stranger = terminator.decide(op, MALLORY, ApprovalDecision.APPROVED);
    assertFalse(stranger.counted());
    assertTrue(stranger.message().contains("not an approver"), stranger.message());
    var self = terminator.decide(op, ALICE, ApprovalDecision.APPROVED);
    assertFalse(self.counted());
    assertTrue(self.message().contains("another approver"), self.message());
    assertEquals(OperationState.AWAITING_APPROVAL, store.operation(op).orElseThrow().state());

    assertTrue(terminator.decide(op, BOB, ApprovalDecision.APPROVED).counted());
    var again = terminator.decide(op, BOB, ApprovalDecision.APPROVED);
    assertFalse(again.counted());
    assertTrue(again.message().contains("already approved by U0BOB"), again.message());

    vast.withReachableInstance(8, "RTX 3090");
    long late = terminator.request(8, ALICE, false, "idle").operation().id();
    clock.advance(Duration.ofMinutes(31));
    var expired = terminator.decide(late, BOB, ApprovalDecision.APPROVED);
    assertFalse(expired.counted());
    assertTrue(expired.message().contains("expired"), expired.message());
    assertEquals(OperationState.EXPIRED, store.operation(late).orElseThrow().state());
  }

  @Test
  void selfApproval_countsWhenTheConfigAllowsIt_andTheConsoleIsTrusted() {
    var lenient = terminator(true);
    long op = lenient.request(ID, ALICE, false, "idle").operation().id();
    assertTrue(lenient.decide(op, ALICE, ApprovalDecision.APPROVED).counted());
    vast.withReachableInstance(8, "RTX 3090");
    long console = terminator.request(8, Actor.CONSOLE, false, "idle").operation().id();
    assertTrue(terminator.decide(console, Actor.CONSOLE, ApprovalDecision.APPROVED).counted());
  }

  @Test
  void aSecondRequest_joinsTheOpenTermination() {
    long op = requested();
    var second = terminator.request(ID, BOB, false, "me too");
    assertTrue(second.joined());
    assertEquals(op, second.operation().id());
  }

  @Test
  void anUnreachableInstance_isNotDestroyed_butMarkedForAttention_andAlerted() throws Exception {
    shell.unreachable();
    long op = requested();
    terminator.decide(op, BOB, ApprovalDecision.APPROVED);
    Operation ended = terminator.proceed(op, SyncProgress.NONE);
    assertEquals(OperationState.NEEDS_ATTENTION, ended.state());
    assertTrue(ended.detail().contains("not destroyed"), ended.detail());
    assertTrue(vast.findInstance(ID).isPresent());
    assertEquals(1, alerts.size());
  }

  @Test
  void aSyncThatIsNotVerified_stopsTheTermination_keepsTheInstance_andRestartsItsWork() throws Exception {
    nextReport = new SyncReport(2, 0, 10, 0, List.of(), null, null,
        List.of("/root/data/a.db: SHA-256 still differs after a second copy"), Duration.ofSeconds(1));
    long op = requested();
    terminator.decide(op, BOB, ApprovalDecision.APPROVED);
    Operation ended = terminator.proceed(op, SyncProgress.NONE);
    assertEquals(OperationState.FAILED, ended.state());
    assertTrue(ended.detail().contains("SHA-256 still differs"), ended.detail());
    assertTrue(vast.findInstance(ID).isPresent());
    assertTrue(vast.calls().stream().noneMatch(c -> c.startsWith("destroy")));
    assertTrue(shell.commands().stream().anyMatch(c -> c.startsWith("start square8")), "workers started again");
    assertTrue(store.recentAudit(10).stream().anyMatch(e -> e.action().equals("termination-failed")));
  }

  @Test
  void aFullLocalDisk_stopsTheTermination_withTheReason() throws Exception {
    nextReport = new SyncReport(0, 0, 0, 0, List.of(), SyncReport.Failure.LOCAL_DISK_FULL,
        "needs 600 MB, 20 MB free at var/sync", List.of(), Duration.ZERO);
    long op = requested();
    terminator.decide(op, BOB, ApprovalDecision.APPROVED);
    Operation ended = terminator.proceed(op, SyncProgress.NONE);
    assertEquals(OperationState.FAILED, ended.state());
    assertTrue(ended.detail().contains("local disk full: needs 600 MB"), ended.detail());
    assertTrue(vast.findInstance(ID).isPresent());
  }

  @Test
  void aStoppedInstance_isStartedToBeSynced_thenDestroyed() throws Exception {
    vast.setState(ID, InstanceState.STOPPED);
    vast.startableAfterStop(ID);
    long op = requested();
    terminator.decide(op, BOB, ApprovalDecision.APPROVED);
    assertEquals(OperationState.SUCCEEDED, terminator.proceed(op, SyncProgress.NONE).state());
    assertTrue(vast.calls().contains("start " + ID));
    assertEquals(1, pulls.get());
  }

  @Test
  void aStoppedInstanceThatWillNotStart_isReported_notDestroyed() throws Exception {
    vast.setState(ID, InstanceState.STOPPED);
    long op = requested();
    terminator.decide(op, BOB, ApprovalDecision.APPROVED);
    Operation ended = terminator.proceed(op, SyncProgress.NONE);
    assertEquals(OperationState.NEEDS_ATTENTION, ended.state());
    assertTrue(ended.detail().contains("disk is still billed"), ended.detail());
    assertEquals(0, pulls.get());
    assertTrue(vast.findInstance(ID).isPresent());
  }

  @Test
  void afterACrashInEachStep_resumeCarriesOn_andNeverDestroysWithoutAVerifiedCopy() throws Exception {
    for (OperationState crashedIn : List.of(OperationState.APPROVED, OperationState.QUIESCING,
        OperationState.SYNCING, OperationState.VERIFIED, OperationState.DESTROYING)) {
      var fresh = new TerminatorTest();
      long op = fresh.requested();
      fresh.terminator.decide(op, BOB, ApprovalDecision.APPROVED);
      fresh.store.updateOperation(op, crashedIn, "crashed here", fresh.clock.instant());
      if (crashedIn == OperationState.VERIFIED || crashedIn == OperationState.DESTROYING) {
        fresh.store.recordSync(new dev.vastbot.fleet.sync.SyncRecord(ID, fresh.clock.instant(), 3, 1234, true, "ok"));
      }
      List<Operation> resumed = fresh.terminator.resumeUnfinished(SyncProgress.NONE);
      assertEquals(OperationState.SUCCEEDED, resumed.get(0).state(), crashedIn + ": " + resumed.get(0).detail());
      assertTrue(fresh.vast.findInstance(ID).isEmpty());
    }
  }

  @Test
  void aDestroyingOperationWithoutAVerifiedSync_isRefused() throws Exception {
    long op = requested();
    terminator.decide(op, BOB, ApprovalDecision.APPROVED);
    store.updateOperation(op, OperationState.DESTROYING, "forged", clock.instant());
    Operation ended = terminator.proceed(op, SyncProgress.NONE);
    assertEquals(OperationState.FAILED, ended.state());
    assertTrue(vast.findInstance(ID).isPresent());
  }

  @Test
  void forceWithoutSync_destroysWithoutCopying_andAuditsIt() throws Exception {
    long op = terminator.request(ID, ALICE, true, "broken beyond repair").operation().id();
    terminator.decide(op, BOB, ApprovalDecision.APPROVED);
    assertEquals(OperationState.SUCCEEDED, terminator.proceed(op, SyncProgress.NONE).state());
    assertEquals(0, pulls.get());
    assertTrue(store.recentAudit(10).stream().anyMatch(e -> e.action().equals("destroy-without-sync")));
  }

  private Operation approvedAndCarriedOn() throws InterruptedException {
    long op = requested();
    terminator.decide(op, BOB, ApprovalDecision.APPROVED);
    return terminator.proceed(op, SyncProgress.NONE);
  }

  private static SyncReport listing(int files, String... missing) {
    return new SyncReport(files, 0, files * 10L, 0, List.of(missing), null, null, List.of(), Duration.ofSeconds(1));
  }

  @Test
  void aHostThatListsEveryRootMissing_isNotDestroyed_andNeedsAttention_withTheReason() throws Exception {
    nextReport = listing(0, DATA, MODELS);

    Operation ended = approvedAndCarriedOn();

    assertEquals(OperationState.NEEDS_ATTENTION, ended.state(), ended.detail());
    assertTrue(ended.detail().startsWith(DATA + " is missing on the host (not marked optional); not destroyed"),
        ended.detail());
    assertTrue(vast.findInstance(ID).isPresent());
    assertTrue(vast.calls().stream().noneMatch(c -> c.startsWith("destroy")));
    assertEquals(1, alerts.size());
    assertTrue(alerts.get(0).text().contains("is missing on the host"), alerts.get(0).text());
    assertFalse(store.syncRecords().get(0).verified(), "recorded as not verified");
    assertTrue(shell.commands().stream().anyMatch(c -> c.startsWith("start square8")), "workers started again");
  }

  @Test
  void anOptionalRootMissing_isVerified_andDestroyed() throws Exception {
    nextReport = listing(5, MODELS);

    Operation ended = approvedAndCarriedOn();

    assertEquals(OperationState.SUCCEEDED, ended.state(), ended.detail());
    assertTrue(store.syncRecords().get(0).detail().startsWith("verified [roots found: " + DATA + "; missing: " + MODELS
        + " (optional)]"), store.syncRecords().get(0).detail());
  }

  @Test
  void anEmptyCopy_whereTheLastSyncHadFiles_isNotDestroyed() throws Exception {
    java.time.Instant monday = clock.instant();
    store.recordSync(new dev.vastbot.fleet.sync.SyncRecord(ID, monday, 412, 1 << 20, true, "verified: 412 copied"));
    clock.advance(Duration.ofHours(3));
    nextReport = listing(0);

    Operation ended = approvedAndCarriedOn();

    assertEquals(OperationState.NEEDS_ATTENTION, ended.state(), ended.detail());
    assertTrue(ended.detail().startsWith("the copy has 0 files but the last sync on " + monday + " had 412"),
        ended.detail());
    assertTrue(vast.findInstance(ID).isPresent());
  }

  @Test
  void forceWithoutSync_stillGoesOn_forAHostWithNothingThere() throws Exception {
    nextReport = listing(0, DATA, MODELS);
    long op = terminator.request(ID, ALICE, true, "the data is known to be lost").operation().id();
    terminator.decide(op, BOB, ApprovalDecision.APPROVED);
    assertEquals(OperationState.SUCCEEDED, terminator.proceed(op, SyncProgress.NONE).state());
  }
}
