package dev.vastbot.service.termination;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.BootOutcome;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.service.provision.InstanceWaiter;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.port.Pause;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.service.approval.ApprovalDesk;
import dev.vastbot.fleet.approval.ApprovalGate;
import dev.vastbot.fleet.approval.ApprovalPolicy;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.service.p2p.P2pNetwork;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.sync.CopyVerdict;
import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.sync.SyncOutcome;
import dev.vastbot.fleet.sync.SyncRecord;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncRequest;
import dev.vastbot.service.work.WorkerControl;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Terminates instances without losing data, as a journaled operation: requested → awaiting
 * approval → approved → quiescing → syncing → verified → destroying → destroyed (SUCCEEDED).
 *
 * <ul>
 *   <li>The journal is written before each step, with a guarded transition, so a crash leaves the
 *       operation in the step it was doing, and {@link #resumeUnfinished} carries on from there: a
 *       quiesce or a sync is simply done again (both are idempotent; the sync resumes its partial
 *       files), a DELETE that may have been sent is confirmed by reading the instance.
 *   <li>Destroy is called only for an operation that reached VERIFIED, or one an approver forced
 *       without sync (audited as such).
 *   <li>Any failure stops the operation in a state that says why (NEEDS_ATTENTION, FAILED),
 *       audits it, raises an alert, keeps the instance and starts its workers again.
 *   <li>A second request for an instance with an open termination joins it.
 * </ul>
 *
 * Thread-safe as far as the store is: two callers racing on one operation cannot both move it.
 */
public final class Terminator {
  /** The journal kind of a termination. */
  public static final String KIND = "terminate";
  private final GpuProvider provider;
  private final FleetSnapshots fleet;
  private final FleetStore store;
  private final DataSync sync;
  private final WorkerControl workers;
  private final P2pNetwork network;
  private final InstanceWaiter waiter;
  private final AlertSink alerts;
  private final ApprovalPolicy approvals;
  private final TerminationSettings settings;
  private final Clock clock;
  private final Pause pause;
  private final ApprovalPrompts prompts;
  private final ApprovalDesk desk;
  private final WarmPoolEnding poolEnding;
  /** Operations this process is carrying on now: a second caller (a loop, a command) leaves them be. */
  private final java.util.Set<Long> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public Terminator(GpuProvider provider, FleetSnapshots fleet, FleetStore store, DataSync sync,
      WorkerControl workers, P2pNetwork network, InstanceWaiter waiter, AlertSink alerts, ApprovalPolicy approvals,
      TerminationSettings settings, Clock clock, Pause pause) {
    this(provider, fleet, store, sync, workers, network, waiter, alerts, approvals, settings, clock, pause,
        ApprovalPrompts.NONE);
  }

  public Terminator(GpuProvider provider, FleetSnapshots fleet, FleetStore store, DataSync sync,
      WorkerControl workers, P2pNetwork network, InstanceWaiter waiter, AlertSink alerts, ApprovalPolicy approvals,
      TerminationSettings settings, Clock clock, Pause pause, ApprovalPrompts prompts) {
    this.provider = provider;
    this.fleet = fleet;
    this.store = store;
    this.sync = sync;
    this.workers = workers;
    this.network = network;
    this.waiter = waiter;
    this.alerts = alerts;
    this.approvals = approvals;
    this.settings = settings;
    this.clock = clock;
    this.pause = pause;
    this.prompts = prompts;
    this.desk = new ApprovalDesk(store, approvals, prompts, clock);
    this.poolEnding = new WarmPoolEnding(provider, fleet, store, clock, pause, settings);
  }

  /** Where this terminator's approval requests are asked for and decided (shared with other actions). */
  public ApprovalDesk desk() {
    return desk;
  }

  /** What {@link #request} did: a new operation, or the open one it joined. */
  public record Requested(Operation operation, boolean joined) {}

  /**
   * Asks for a termination: journals it and an approval request (pending until a person decides,
   * or decided at once when {@code preApprovedBy} names an approver, as cron's {@code
   * --approved-by} does). Joins an open termination of the same instance instead of starting a
   * second one.
   *
   * @throws InstanceUnavailableException when the instance is not on the account
   */
  public Requested request(long instanceId, Actor actor, boolean forceWithoutSync, String why) {
    return request(instanceId, actor, forceWithoutSync, TerminationRecord.Ending.DESTROY, why);
  }

  /**
   * Asks for a termination that ends as {@code ending} says: {@link TerminationRecord.Ending#PARK}
   * copies and verifies as any termination, then stops the instance into its group's warm pool
   * instead of destroying it; {@link TerminationRecord.Ending#RETIRE} destroys a warm pool member
   * without copying again (its copy was verified before it stopped). Both are journalled, resumable
   * and audited as a destroy is; each asks for approval as {@link #request(long, Actor, boolean,
   * String)} does (the autoscaler approves a park by its own rule: a stop loses nothing).
   *
   * @throws InstanceUnavailableException when the instance is not on the account
   */
  public Requested request(long instanceId, Actor actor, TerminationRecord.Ending ending, String why) {
    return request(instanceId, actor, false, ending, why);
  }

  private Requested request(long instanceId, Actor actor, boolean forceWithoutSync, TerminationRecord.Ending ending,
      String why) {
    String target = nodeName(instanceId);
    Optional<Operation> open = store.openOperations(KIND).stream().filter(o -> o.target().equals(target)).findFirst();
    if (open.isPresent()) {
      return new Requested(open.get(), true);
    }
    Instance instance = fleet.reread(instanceId).orElseThrow(() -> InstanceUnavailableException.notOnAccount(instanceId));
    Instant now = clock.instant();
    long id = store.startOperation(KIND, actor.id(), target, now);
    store.recordTermination(new TerminationRecord(id, instanceId, forceWithoutSync, ending));
    audit(actor, "request-termination", target, (forceWithoutSync ? "WITHOUT SYNC; " : "")
        + WarmPoolEnding.describe(ending) + why);
    desk.ask(id, KIND, target, actor, summary(instance, forceWithoutSync, why));
    return new Requested(operation(id), false);
  }

  /** The outcome of a person's approve or deny. */
  public record Decided(boolean counted, String message, Operation operation) {}

  /**
   * Records a person's decision when it counts (see {@link ApprovalGate}); a refused one changes
   * nothing and says why. An approval does not run the termination: call {@link #proceed}.
   */
  public Decided decide(long operationId, Actor actor, ApprovalDecision decision) {
    TerminationRecord termination = store.termination(operationId).orElse(null);
    Optional<String> forced = termination != null && termination.forceWithoutSync() && !approvals.mayDecide(actor)
        ? Optional.of("only an approver may destroy without sync") : Optional.empty();
    ApprovalDesk.Decided decided = desk.decide(operationId, actor, decision, forced);
    return new Decided(decided.counted(), decided.message(),
        decided.request().isEmpty() ? null : operation(operationId));
  }

  /**
   * Approves a termination by a rule the team configured (an autoscaler group's unattended
   * scale-down) instead of a person; never one that would destroy without sync.
   */
  public Decided approveByPolicy(long operationId, String rule) {
    TerminationRecord termination = store.termination(operationId).orElse(null);
    if (termination == null || termination.forceWithoutSync()) {
      return new Decided(false, "only a person may approve " + (termination == null
          ? "operation " + operationId : "a destroy without sync"), null);
    }
    ApprovalDesk.Decided decided = desk.approveByPolicy(operationId, rule);
    return new Decided(decided.counted(), decided.message(), operation(operationId));
  }

  /**
   * Whether operation {@code operationId} is a termination an approver forced without copying
   * the data ({@link TerminationRecord#forceWithoutSync}); false for any other operation.
   */
  public boolean destroysWithoutCopy(long operationId) {
    return store.termination(operationId).map(TerminationRecord::forceWithoutSync).orElse(false);
  }

  /** Marks every pending request past its expiry as EXPIRED (its operation too); returns how many. */
  public int expireOverdue() {
    return desk.expireOverdue();
  }

  /**
   * Whether the operation waits for a person's decision and for nothing else: it is AWAITING_APPROVAL
   * and its request is undecided. One whose request was decided is settled first, on the calling
   * thread (moved as the decision says; the prompts told if that ended it), and is then not waiting.
   * False for an operation in any other state. Does no remote work and never blocks on a host.
   */
  public boolean awaitsDecision(Operation operation) {
    if (operation.state() != OperationState.AWAITING_APPROVAL || running.contains(operation.id())) {
      return false;
    }
    if (desk.settle(operation)) {
      Operation settled = operation(operation.id());
      if (settled.state().finished()) {
        prompts.ended(settled);
      }
    }
    return operation(operation.id()).state() == OperationState.AWAITING_APPROVAL;
  }

  /**
   * Carries the operation on from the state it is in until it is destroyed, stopped for a
   * reason, or (while awaiting approval) waiting. Safe to call again at any time, also after a
   * crash: each step is checked or redone, never blindly repeated. While one thread of this process
   * carries an operation on, another's call returns it as it stands.
   */
  public Operation proceed(long operationId, SyncProgress progress) throws InterruptedException {
    Optional<TerminationRecord> recorded = store.termination(operationId);
    if (recorded.isEmpty()) {
      // Interrupted between journaling the operation and recording what it is about: nothing was
      // done to any instance; it ends here, and a new request starts afresh.
      store.transitionOperation(operationId, OperationState.REQUESTED, OperationState.FAILED,
          "interrupted before it was fully recorded; nothing was done; ask again", clock.instant());
      return operation(operationId);
    }
    TerminationRecord termination = recorded.get();
    if (!running.add(operationId)) {
      return operation(operationId);
    }
    try {
      OperationState before = operation(operationId).state();
      Operation ended = carryOn(operationId, termination, withPrompt(operationId, progress));
      if (ended.state() != before && ended.state().finished()) {
        prompts.ended(ended);
      }
      return ended;
    } finally {
      running.remove(operationId);
    }
  }

  private Operation carryOn(long operationId, TerminationRecord termination, SyncProgress progress)
      throws InterruptedException {
    while (true) {
      Operation now = operation(operationId);
      OperationState before = now.state();
      if (before.finished() || before == OperationState.AWAITING_APPROVAL && !desk.settle(now)) {
        return operation(operationId);
      }
      step(now, termination, progress);
      if (operation(operationId).state() == before) {
        return operation(operationId);
      }
    }
  }

  /** {@code progress}, and the prompt told of it too. */
  private SyncProgress withPrompt(long operationId, SyncProgress progress) {
    return status -> {
      progress.update(status);
      prompts.progress(operationId, progressLine(status));
    };
  }

  /** "syncing: 3 of 12 files, 120 MB of 600 MB, 80.0 MB/s, 6 s left". */
  public static String progressLine(SyncProgress.Status status) {
    return String.format(Locale.ROOT, "syncing: %d of %d files, %d MB of %d MB, %.1f MB/s%s", status.filesDone(),
        status.filesTotal(), status.bytesDone() >> 20, status.bytesTotal() >> 20, status.bytesPerSecond() / (1 << 20),
        status.timeLeft() == null ? "" : ", " + status.timeLeft().toSeconds() + " s left");
  }

  /** Every unfinished termination as the journal holds it, oldest first. */
  public List<Operation> openTerminations() {
    return store.openOperations(KIND);
  }

  /**
   * Every unfinished termination, carried on one after the other on the calling thread (after a
   * restart). Returns them as they ended. The bot's loop runs them side by side instead ({@link
   * TerminationRunner}).
   */
  public List<Operation> resumeUnfinished(SyncProgress progress) throws InterruptedException {
    expireOverdue();
    List<Operation> resumed = new ArrayList<>();
    for (Operation open : store.openOperations(KIND)) {
      resumed.add(proceed(open.id(), progress));
    }
    return resumed;
  }

  private void step(Operation operation, TerminationRecord termination, SyncProgress progress)
      throws InterruptedException {
    switch (operation.state()) {
      case REQUESTED -> awaitApproval(operation, termination);
      case APPROVED -> {
        if (termination.ending() == TerminationRecord.Ending.RETIRE) {
          retire(operation, termination);
        } else {
          move(operation, OperationState.QUIESCING, "stopping workers and the orchestrator");
        }
      }
      case QUIESCING -> quiesce(operation, termination);
      case SYNCING -> syncForTermination(operation, termination, progress);
      case VERIFIED -> {
        if (termination.ending() == TerminationRecord.Ending.PARK) {
          park(operation, termination);
        } else {
          move(operation, OperationState.DESTROYING, "destroying");
        }
      }
      case DESTROYING -> destroy(operation, termination);
      default -> fail(operation, termination, OperationState.FAILED, "unexpected state " + operation.state(), false);
    }
  }

  /** Asks for approval (again, when a crash came before the request was kept). */
  private void awaitApproval(Operation operation, TerminationRecord termination) {
    if (store.approvalRequest(operation.id()).isEmpty()) {
      desk.ask(operation.id(), KIND, operation.target(), new Actor(operation.requestedBy()),
          operation.target() + ": termination" + (termination.forceWithoutSync() ? " WITHOUT sync"
              : " after a verified sync"));
    } else {
      move(operation, OperationState.AWAITING_APPROVAL,
          "waiting for an approver: /vast approve " + operation.id() + " or /vast deny " + operation.id());
    }
  }

  /** Stops the workers and the orchestrator (a stopped instance is started first, to be synced). */
  private void quiesce(Operation operation, TerminationRecord termination) throws InterruptedException {
    Optional<Instance> instance = runningForSync(operation, termination);
    if (instance.isEmpty()) {
      return;
    }
    if (termination.forceWithoutSync()) {
      audit(new Actor(operation.requestedBy()), "destroy-without-sync", operation.target(),
          "forced by an approver: the data was NOT copied");
      move(operation, OperationState.DESTROYING, "destroying WITHOUT sync (forced)");
      return;
    }
    for (ShellOutcome stopped : List.of(workers.stop(instance.get()), network.stopOrchestrator(instance.get()))) {
      if (!stopped.completed()) {
        fail(operation, termination, OperationState.NEEDS_ATTENTION,
            "could not quiesce it (" + stopped.message() + "); not synced, not destroyed", true);
        return;
      }
    }
    move(operation, OperationState.SYNCING, "copying " + String.join(", ", settings.syncPaths()));
  }

  /**
   * The instance as it is now, running so it can be synced: a stopped one is started and waited
   * for. Empty when the operation was stopped instead (gone, or it will not start).
   */
  private Optional<Instance> runningForSync(Operation operation, TerminationRecord termination)
      throws InterruptedException {
    Optional<Instance> now = fleet.reread(termination.instanceId());
    if (now.isEmpty()) {
      fail(operation, termination, OperationState.FAILED,
          "the instance is already gone from the account; nothing to copy or destroy", false);
      return Optional.empty();
    }
    if (now.get().state() == InstanceState.RUNNING && now.get().sshAddress().isPresent()) {
      return now;
    }
    if (now.get().state() != InstanceState.STOPPED) {
      if (termination.forceWithoutSync()) {
        return now;
      }
      fail(operation, termination, OperationState.NEEDS_ATTENTION,
          "it is " + now.get().displayStatus() + ", not running; not synced, not destroyed", false);
      return Optional.empty();
    }
    if (termination.forceWithoutSync()) {
      return now;
    }
    provider.startInstance(termination.instanceId());
    BootOutcome boot = waiter.awaitRunning(List.of(termination.instanceId()), settings.bootTimeout(),
        settings.pollInterval()).get(0);
    Optional<Instance> started = boot.kind() == BootOutcome.Kind.RUNNING ? fleet.reread(termination.instanceId())
        : Optional.empty();
    if (started.isEmpty() || started.get().sshAddress().isEmpty()) {
      fail(operation, termination, OperationState.NEEDS_ATTENTION,
          "it was stopped and did not start again within " + settings.bootTimeout().toMinutes()
              + " min (its GPU was probably taken): not synced, not destroyed; its disk is still billed", false);
      return Optional.empty();
    }
    return started;
  }

  private void syncForTermination(Operation operation, TerminationRecord termination, SyncProgress progress)
      throws InterruptedException {
    Optional<Instance> instance = runningForSync(operation, termination);
    if (instance.isEmpty()) {
      return;
    }
    SyncOutcome outcome = pull(instance.get(), false, progress);
    SyncReport report = outcome.report();
    if (outcome.verified()) {
      move(operation, OperationState.VERIFIED, outcome.verdict().detail(report));
      return;
    }
    if (!report.verified()) {
      OperationState state = report.failure() == SyncReport.Failure.UNREACHABLE
          ? OperationState.NEEDS_ATTENTION : OperationState.FAILED;
      fail(operation, termination, state, "sync not verified (" + outcome.verdict().refusal() + "); not destroyed",
          true);
      return;
    }
    fail(operation, termination, OperationState.NEEDS_ATTENTION, outcome.verdict().refusal()
        + "; not destroyed (" + outcome.verdict().rootsLine() + "). If the data is truly not needed, an approver"
        + " may approve /vast shutdown " + termination.instanceId() + " --force-without-sync", true);
  }

  /**
   * Syncs one running instance now (no termination), and records the result, judged by the one
   * rule ({@link CopyVerdict#judge}).
   *
   * @throws InstanceUnavailableException when the instance is not running with an SSH address
   */
  public SyncOutcome syncNow(long instanceId, boolean rehashAll, SyncProgress progress) throws InterruptedException {
    Instance instance = fleet.reread(instanceId)
        .filter(i -> i.state() == InstanceState.RUNNING && i.sshAddress().isPresent())
        .orElseThrow(() -> new InstanceUnavailableException("instance " + instanceId + " is not running"));
    return pull(instance, rehashAll, progress);
  }

  /** Pulls, judges the copy against the instance's last sync, and records it in place of that one. */
  private SyncOutcome pull(Instance instance, boolean rehashAll, SyncProgress progress) throws InterruptedException {
    var request = new SyncRequest(settings.syncPaths(), settings.localDirOf(instance.id()), rehashAll,
        settings.syncDeadline());
    SyncReport report = sync.pull(new SshTarget(instance.id(), instance.sshAddress().orElseThrow()), request, progress);
    Optional<SyncRecord> last = store.syncRecords().stream().filter(r -> r.instanceId() == instance.id()).findFirst();
    CopyVerdict verdict = CopyVerdict.judge(report, settings.syncPaths(), settings.optionalPaths(), last);
    store.recordSync(new SyncRecord(instance.id(), clock.instant(), verdict.files(), report.bytesCopied(),
        verdict.verified(), verdict.detail(report)));
    return new SyncOutcome(report, verdict);
  }

  /**
   * Stops a verified instance into its group's warm pool, waits until Vast lists it stopped, and
   * records it as a member; done again after a crash (a stop and the member's row are idempotent).
   */
  private void park(Operation operation, TerminationRecord termination) throws InterruptedException {
    String outcome = poolEnding.park(termination.instanceId(), verifiedCopyAt(operation, termination));
    if (!outcome.isEmpty()) {
      fail(operation, termination, OperationState.NEEDS_ATTENTION, outcome, true);
      return;
    }
    move(operation, OperationState.SUCCEEDED, "stopped into the warm pool after a verified sync");
    audit(new Actor(operation.requestedBy()), "park", operation.target(),
        "stopped into the warm pool after a verified sync (not destroyed)");
  }

  /** A pool member goes to its destroy without a second copy, when the copy it was parked with holds. */
  private void retire(Operation operation, TerminationRecord termination) {
    Optional<String> refusal = poolEnding.refuseRetire(termination.instanceId());
    if (refusal.isPresent()) {
      fail(operation, termination, OperationState.FAILED, refusal.get() + "; not destroyed", false);
      return;
    }
    move(operation, OperationState.DESTROYING, "destroying a warm pool member: not copied again, "
        + poolEnding.copyLine(termination.instanceId()));
  }

  /** When the verified copy this termination made was taken (the guard of {@link #verifiedSince}). */
  private Instant verifiedCopyAt(Operation operation, TerminationRecord termination) {
    return store.syncRecords().stream().filter(r -> r.instanceId() == termination.instanceId() && r.verified()
        && !r.syncedAt().isBefore(operation.createdAt())).map(SyncRecord::syncedAt).findFirst()
        .orElse(operation.createdAt());
  }

  /** Sends the DELETE (again, if it may have been sent) and reads the instance until it is gone. */
  private void destroy(Operation operation, TerminationRecord termination) throws InterruptedException {
    if (termination.ending() == TerminationRecord.Ending.PARK) {
      fail(operation, termination, OperationState.FAILED, "refused to destroy: this termination parks", false);
      return;
    }
    boolean copied = termination.ending() == TerminationRecord.Ending.RETIRE
        ? poolEnding.refuseRetire(termination.instanceId()).isEmpty() : verifiedSince(operation, termination);
    if (!termination.forceWithoutSync() && !copied) {
      fail(operation, termination, OperationState.FAILED, "refused to destroy: no verified copy", false);
      return;
    }
    Instant deadline = clock.instant().plus(settings.goneTimeout());
    while (true) {
      Optional<Instance> now = fleet.reread(termination.instanceId());
      if (now.isEmpty()) {
        store.recordGone(termination.instanceId(), clock.instant()); // its slot is free before the next list
        move(operation, OperationState.SUCCEEDED, "destroyed; Vast no longer lists it");
        audit(new Actor(operation.requestedBy()), "destroy", operation.target(),
            termination.forceWithoutSync() ? "destroyed WITHOUT sync"
                : termination.ending() == TerminationRecord.Ending.RETIRE
                    ? "destroyed a warm pool member; not copied again: " + poolEnding.copyLine(termination.instanceId())
                    : "destroyed after a verified sync");
        poolEnding.left(termination.instanceId());
        return;
      }
      if (!clock.instant().isBefore(deadline)) {
        fail(operation, termination, OperationState.NEEDS_ATTENTION,
            "destroy sent, but Vast still lists it as " + now.get().displayStatus() + " after "
                + settings.goneTimeout().toSeconds() + " s", false);
        return;
      }
      try {
        provider.destroyInstance(termination.instanceId());
      } catch (ProviderException transientOrNot) {
        if (!transientOrNot.transientFailure()) {
          fail(operation, termination, OperationState.NEEDS_ATTENTION, "destroy refused: " + transientOrNot.getMessage(),
              false);
          return;
        }
      }
      pause.pause(settings.pollInterval());
    }
  }

  /**
   * A second guard beside the journal's order of states: the store holds a verified sync of the
   * instance made after this termination was asked for.
   */
  private boolean verifiedSince(Operation operation, TerminationRecord termination) {
    return store.syncRecords().stream().anyMatch(r -> r.instanceId() == termination.instanceId()
        && r.verified() && !r.syncedAt().isBefore(operation.createdAt()));
  }

  private void fail(Operation operation, TerminationRecord termination, OperationState state, String why,
      boolean restartWorkers) {
    if (!store.transitionOperation(operation.id(), operation.state(), state, why, clock.instant())) {
      return;
    }
    audit(new Actor(operation.requestedBy()), "termination-" + state.name().toLowerCase(Locale.ROOT),
        operation.target(), why);
    alerts.alert(new Alert(Alert.Severity.CRITICAL, "termination:" + termination.instanceId(),
        operation.target() + ": termination " + operation.id() + " stopped (" + state.display() + "): " + why
            + ". The instance is kept."));
    if (restartWorkers) {
      fleet.reread(termination.instanceId()).filter(i -> i.state() == InstanceState.RUNNING)
          .ifPresent(this::startWorkAgain);
    }
  }

  /** The instance is kept: its workers and orchestrator run again. */
  private void startWorkAgain(Instance instance) {
    try {
      workers.restart(instance);
      network.start(instance, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException notStarted) {
      alerts.alert(new Alert(Alert.Severity.WARNING, "termination:" + instance.id(),
          instance.nodeName() + ": kept, but its work did not start again: " + notStarted.getMessage()));
    }
  }

  private void move(Operation operation, OperationState next, String detail) {
    store.transitionOperation(operation.id(), operation.state(), next, detail, clock.instant());
  }

  private Operation operation(long id) {
    return store.operation(id).orElseThrow(() -> new IllegalStateException("operation " + id + " vanished"));
  }

  private String summary(Instance instance, boolean forceWithoutSync, String why) {
    double perDay = instance.dphTotal() * 24;
    return instance.nodeName() + " (" + instance.gpuName() + ", " + instance.displayStatus() + "): " + why
        + String.format(Locale.ROOT, "; saves $%.2f/day", perDay)
        + (forceWithoutSync ? "; destroys WITHOUT copying its data"
            : "; copies " + String.join(", ", settings.syncPaths()) + " first");
  }

  private void audit(Actor actor, String action, String target, String outcome) {
    store.appendAudit(new AuditEntry(clock.instant(), actor.id(), action, target, outcome));
  }

  private static String nodeName(long instanceId) {
    return "vast-" + instanceId;
  }
}
