package dev.vastbot.service.termination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalPolicy;
import dev.vastbot.fleet.p2p.P2pCommands;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.port.FleetSnapshots;
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
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which terminations the runner hands a place and a thread to, tick by tick. */
class TerminationRunnerTest {
  private static final Actor ALICE = new Actor("U0ALICE");
  private static final Actor BOB = new Actor("U0BOB");
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider()
      .withReachableInstance(7, "RTX 4090").withReachableInstance(8, "RTX 4090").withReachableInstance(9, "RTX 4090");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final DataSync sync = (target, request, progress) ->
      new SyncReport(3, 0, 1234, 1, List.of(), null, null, List.of(), Duration.ofSeconds(1));
  private final Terminator terminator = terminator();
  private final HeldExecutor threads = new HeldExecutor();

  private Terminator terminator() {
    var shell = new ScriptedShell();
    var fleet = FleetSnapshots.uncached(vast, clock);
    var workers = new WorkerControl(shell, new WorkerCommands("generate_data", "start {board}", "", "logs/*.log"),
        new WorkloadTable(Map.of(), "square8"), Duration.ofSeconds(5));
    var network = new P2pNetwork(fleet, shell, new P2pCommands("run {node_id} {peers}", 8770, "/health", "p2p.log"),
        node -> List.of(), Duration.ofSeconds(5), new RejoinWait(Duration.ofSeconds(3), clock, clock.pause()),
        text -> Optional.empty());
    var account = new InstanceAccount(vast, fleet, new InstanceWaiter(vast, clock, clock.pause()), clock.pause());
    return new Terminator(account,
        store, sync, new InstanceWork(workers, network), alert -> { },
        new ApprovalDesk(store,
            new ApprovalPolicy(Set.of("U0ALICE", "U0BOB"), false, Duration.ofMinutes(30)),
            ApprovalPrompts.NONE, clock),
        new TerminationSettings(List.of("/root/data"), Path.of("var/sync"), Duration.ofMinutes(10),
            Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofMinutes(1), Set.of()),
        clock);
  }

  private long requested(long instanceId) {
    long id = terminator.request(instanceId, ALICE, false, "idle").operation().id();
    clock.advance(Duration.ofSeconds(1));
    return id;
  }

  @Test
  void undecidedRequests_takeNoPlace_soAnApprovedTerminationIsCarriedOnAtTheFirstTick() {
    long first = requested(7);
    long second = requested(8);
    long approved = requested(9);
    assertTrue(terminator.decide(approved, BOB, ApprovalDecision.APPROVED).counted());
    var runner = new TerminationRunner(terminator, threads, 1);

    var handout = runner.handOut();

    assertEquals(Set.of(approved), runner.running(), "the one place goes to the approved termination");
    assertEquals(1, handout.started());
    assertEquals(1, threads.held(), "no thread for an undecided request");
    threads.runHeld();
    assertEquals(OperationState.SUCCEEDED, store.operation(approved).orElseThrow().state());
    assertEquals(OperationState.AWAITING_APPROVAL, store.operation(first).orElseThrow().state());
    assertEquals(OperationState.AWAITING_APPROVAL, store.operation(second).orElseThrow().state());
    assertTrue(vast.findInstance(7).isPresent() && vast.findInstance(8).isPresent());
    assertTrue(vast.findInstance(9).isEmpty());
  }

  @Test
  void aDecisionRecordedWhileItsOperationStillAwaitsApproval_isSettledOnTheLoop_andHandedOut() {
    long undecided = requested(7);
    long decided = requested(8);
    // A crash between keeping the decision and moving the operation leaves it AWAITING_APPROVAL.
    assertTrue(store.decideApproval(decided, ApprovalDecision.APPROVED, BOB.id(), clock.instant()));
    var runner = new TerminationRunner(terminator, threads, 1);

    runner.handOut();

    assertEquals(Set.of(decided), runner.running());
    assertEquals(OperationState.APPROVED, store.operation(decided).orElseThrow().state(), "settled on the loop");
    threads.runHeld();
    assertEquals(OperationState.SUCCEEDED, store.operation(decided).orElseThrow().state());
    assertEquals(OperationState.AWAITING_APPROVAL, store.operation(undecided).orElseThrow().state());
  }

  @Test
  void anUndecidedRequest_isHandedOutOnceDecided_atALaterTick() {
    long op = requested(7);
    var runner = new TerminationRunner(terminator, threads, 1);
    assertEquals(0, runner.handOut().started());
    assertEquals(0, threads.held());

    assertTrue(terminator.decide(op, BOB, ApprovalDecision.APPROVED).counted());
    assertEquals(1, runner.handOut().started());
    threads.runHeld();
    assertEquals(OperationState.SUCCEEDED, store.operation(op).orElseThrow().state());
  }

  /** Keeps what it is given until the test runs it, on the test's thread. */
  private static final class HeldExecutor extends AbstractExecutorService {
    private final Queue<Runnable> held = new ArrayDeque<>();
    private boolean shutdown;

    int held() {
      return held.size();
    }

    void runHeld() {
      for (Runnable next = held.poll(); next != null; next = held.poll()) {
        next.run();
      }
    }

    @Override
    public void execute(Runnable command) {
      held.add(command);
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      List<Runnable> left = List.copyOf(held);
      held.clear();
      return left;
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown && held.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return isTerminated();
    }
  }
}
