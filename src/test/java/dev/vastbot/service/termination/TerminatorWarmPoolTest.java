package dev.vastbot.service.termination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.TerminationRecord.Ending;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalPolicy;
import dev.vastbot.fleet.autoscale.PoolMember;
import dev.vastbot.fleet.p2p.P2pCommands;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.sync.SyncRecord;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.work.WorkerCommands;
import dev.vastbot.fleet.work.WorkloadTable;
import dev.vastbot.service.approval.ApprovalDesk;
import dev.vastbot.service.p2p.P2pNetwork;
import dev.vastbot.service.p2p.RejoinWait;
import dev.vastbot.service.provision.InstanceWaiter;
import dev.vastbot.service.work.Keepalive;
import dev.vastbot.service.work.WorkerControl;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.testing.ScriptedShell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A termination that ends by stopping (a park) copies and verifies as every termination does, then
 * stops the instance into its group's warm pool, held from the keepalive; a crash between the
 * verified copy and the stop is carried on after a restart without copying again; a pool member is
 * destroyed (a retire) without a second copy only while the copy it was parked with stands.
 */
class TerminatorWarmPoolTest {
  private static final long ID = 7;
  private static final Actor POLICY = new Actor("autoscaler");
  private static final Actor ALICE = new Actor("U0ALICE");
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(ID, "RTX 4090").stoppable(ID);
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final ScriptedShell shell = new ScriptedShell();
  private final AtomicInteger pulls = new AtomicInteger();
  private final DataSync sync = (target, request, progress) -> {
    pulls.incrementAndGet();
    return new SyncReport(3, 0, 1234, 1, List.of(), null, null, List.of(), Duration.ofSeconds(1));
  };

  private Terminator terminator() {
    var fleet = FleetSnapshots.uncached(vast, clock);
    var workers = new WorkerControl(shell, new WorkerCommands("generate_data", "start {board}", "", "logs/*.log"),
        new WorkloadTable(Map.of(), "square8"), Duration.ofSeconds(5));
    var network = new P2pNetwork(fleet, shell, new P2pCommands("run {node_id} {peers}", 8770, "/health", "p2p.log"),
        node -> List.of(), Duration.ofSeconds(5), new RejoinWait(Duration.ofSeconds(3), clock, clock.pause()),
        text -> java.util.Optional.empty());
    var account = new InstanceAccount(vast, fleet, new InstanceWaiter(vast, clock, clock.pause()), clock.pause());
    return new Terminator(account,
        store, sync, new InstanceWork(workers, network), alert -> { },
        new ApprovalDesk(store, new ApprovalPolicy(Set.of("U0ALICE"), false, Duration.ofMinutes(30)),
            ApprovalPrompts.NONE, clock),
        new TerminationSettings(List.of("/root/data"), Path.of("var/sync"), Duration.ofMinutes(10),
            Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofMinutes(1)),
        clock);
  }

  private final Terminator terminator = terminator();

  private long parkApproved(Terminator by) {
    store.assignAutoscaleGroup(ID, "selfplay", clock.instant());
    long op = by.request(ID, POLICY, Ending.PARK, "scale-down").operation().id();
    assertTrue(by.approveByPolicy(op, "selfplay warm_pool").counted());
    return op;
  }

  @Test
  void aPark_copiesVerifiesAndStops_intoThePool_heldFromTheKeepalive_andDestroysNothing() throws Exception {
    long op = parkApproved(terminator);

    Operation ended = terminator.proceed(op, SyncProgress.NONE);

    assertEquals(OperationState.SUCCEEDED, ended.state(), ended.detail());
    assertEquals(1, pulls.get());
    assertEquals(InstanceState.STOPPED, vast.findInstance(ID).orElseThrow().state());
    assertTrue(vast.calls().stream().noneMatch(c -> c.startsWith("destroy")), vast.calls().toString());
    SyncRecord copy = store.syncRecords().get(0);
    assertEquals(List.of(new PoolMember(ID, "selfplay", clock.instant(), copy.syncedAt(), 50, 0.01, 0.40)),
        store.poolMembers().stream().map(m -> new PoolMember(m.instanceId(), m.group(), m.stoppedSince(),
            m.copiedAt(), 50, 0.01, 0.40)).toList());
    assertEquals(List.of("vast-" + ID), store.openOperations(Keepalive.HOLD).stream().map(Operation::target)
        .toList(), "held: the keepalive leaves it stopped");
    assertTrue(store.recentAudit(10).stream().anyMatch(e -> e.action().equals("park")));
  }

  @Test
  void aParkCutShortAfterItsVerifiedCopy_isCarriedOnAfterARestart_withoutCopyingAgain() throws Exception {
    long op = parkApproved(terminator);
    vast.failNextStops(1);

    assertThrows(IllegalStateException.class, () -> terminator.proceed(op, SyncProgress.NONE));
    assertEquals(OperationState.VERIFIED, store.operation(op).orElseThrow().state(), "the journal kept the step");
    assertEquals(List.of("vast-" + ID), store.openOperations(Keepalive.HOLD).stream().map(Operation::target)
        .toList(), "held before the first stop: the keepalive never starts it while the stop lands");

    List<Operation> resumed = terminator().resumeUnfinished(SyncProgress.NONE);

    assertEquals(OperationState.SUCCEEDED, resumed.get(0).state(), resumed.get(0).detail());
    assertEquals(1, pulls.get(), "not copied again");
    assertEquals(1, store.poolMembers().size());
    assertEquals(InstanceState.STOPPED, vast.findInstance(ID).orElseThrow().state());
  }

  @Test
  void aRetire_destroysAPoolMemberWithoutASecondCopy_onceApproved_andEndsItsHold() throws Exception {
    terminator.proceed(parkApproved(terminator), SyncProgress.NONE);
    long retire = terminator.request(ID, POLICY, Ending.RETIRE, "warm pool: stopped 24.0 h").operation().id();
    assertEquals(OperationState.AWAITING_APPROVAL, store.operation(retire).orElseThrow().state());
    assertTrue(terminator.decide(retire, ALICE, ApprovalDecision.APPROVED).counted());

    Operation ended = terminator.proceed(retire, SyncProgress.NONE);

    assertEquals(OperationState.SUCCEEDED, ended.state(), ended.detail());
    assertTrue(vast.findInstance(ID).isEmpty());
    assertEquals(1, pulls.get(), "not copied again");
    assertEquals(List.of(), store.poolMembers());
    assertEquals(List.of(), store.openOperations(Keepalive.HOLD));
    assertTrue(store.recentAudit(10).stream().anyMatch(e -> e.action().equals("destroy")
        && e.outcome().startsWith("destroyed a warm pool member; not copied again: its copy was verified at")));
  }

  @Test
  void aRetireOfAnInstanceWhoseParkedCopyDoesNotStand_isRefused_andDestroysNothing() throws Exception {
    terminator.proceed(parkApproved(terminator), SyncProgress.NONE);
    clock.advance(Duration.ofMinutes(5));
    store.recordSync(new SyncRecord(ID, clock.instant(), 1, 10, false, "a later copy failed"));
    long retire = terminator.request(ID, POLICY, Ending.RETIRE, "expired").operation().id();
    terminator.decide(retire, ALICE, ApprovalDecision.APPROVED);

    Operation ended = terminator.proceed(retire, SyncProgress.NONE);

    assertEquals(OperationState.FAILED, ended.state());
    assertTrue(ended.detail().contains("no verified copy from before it stopped; not destroyed"), ended.detail());
    assertTrue(vast.findInstance(ID).isPresent());
    assertTrue(vast.calls().stream().noneMatch(c -> c.startsWith("destroy")), vast.calls().toString());
  }

  @Test
  void aRetireOfAMemberRunningAgain_isRefused_itMayHoldDataItsCopyLacks() throws Exception {
    terminator.proceed(parkApproved(terminator), SyncProgress.NONE);
    long retire = terminator.request(ID, POLICY, Ending.RETIRE, "expired").operation().id();
    vast.setState(ID, InstanceState.RUNNING); // a person started it while the retire awaited approval
    terminator.decide(retire, ALICE, ApprovalDecision.APPROVED);

    Operation ended = terminator.proceed(retire, SyncProgress.NONE);

    assertEquals(OperationState.FAILED, ended.state());
    assertTrue(ended.detail().contains("again, not stopped: it may hold data its copy lacks"), ended.detail());
    assertTrue(vast.calls().stream().noneMatch(c -> c.startsWith("destroy")), vast.calls().toString());
  }
}
