package dev.vastbot.service.termination;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalGate;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.sync.CopyVerdict;
import dev.vastbot.fleet.sync.SyncOutcome;
import dev.vastbot.service.approval.ApprovalDesk;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>This class keeps the request, the approval and the order of the steps; the steps themselves are
 * {@link CopyStep} (quiesce, sync, verify) and {@link EndStep} (destroy, park, retire), and each
 * records what it did through one {@link TerminationJournal}.
 *
 * <p>Thread-safe as far as the store is: two callers racing on one operation cannot both move it.
 */
public final class Terminator {
  /** The journal kind of a termination. */
  public static final String KIND = "terminate";
  private final FleetSnapshots fleet;
  private final FleetStore store;
  private final ApprovalDesk desk;
  private final TerminationSettings settings;
  private final Clock clock;
  private final TerminationJournal journal;
  private final CopyStep copy;
  private final EndStep end;
  /** Operations this process is carrying on now: a second caller (a loop, a command) leaves them be. */
  private final Set<Long> running = ConcurrentHashMap.newKeySet();

  /**
   * @param account the instances on the account, and how to wait for them
   * @param store the journal, the approvals, the sync records and the audit trail
   * @param sync copies an instance's data home
   * @param work what is stopped before the copy and started again when the instance is kept
   * @param alerts told when a termination stops for a reason
   * @param desk where the approvals are asked for and decided (shared with every other costly
   *     action; built once by the composition root); its policy says who may approve, its prompts
   *     are told when a termination ends and how its copy goes
   */
  public Terminator(InstanceAccount account, FleetStore store, DataSync sync, InstanceWork work, AlertSink alerts,
      ApprovalDesk desk, TerminationSettings settings, Clock clock) {
    this.fleet = account.fleet();
    this.store = store;
    this.desk = desk;
    this.settings = settings;
    this.clock = clock;
    this.journal = new TerminationJournal(store, alerts, account.fleet(), work, clock);
    this.copy = new CopyStep(account, store, sync, work, settings, clock, journal);
    this.end = new EndStep(account, store, settings, clock, journal, copy);
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
    Optional<String> forced = termination != null && termination.forceWithoutSync() && !desk.policy().mayDecide(actor)
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
        desk.prompts().ended(settled);
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
        desk.prompts().ended(ended);
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
      desk.prompts().progress(operationId, progressLine(status));
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
          end.retire(operation, termination);
        } else {
          move(operation, OperationState.QUIESCING, "stopping workers and the orchestrator");
        }
      }
      case QUIESCING -> copy.quiesce(operation, termination);
      case SYNCING -> copy.sync(operation, termination, progress);
      case VERIFIED -> {
        if (termination.ending() == TerminationRecord.Ending.PARK) {
          end.park(operation, termination);
        } else {
          move(operation, OperationState.DESTROYING, "destroying");
        }
      }
      case DESTROYING -> end.destroy(operation, termination);
      default -> journal.fail(operation, termination, OperationState.FAILED, "unexpected state " + operation.state(),
          false);
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

  /**
   * Syncs one running instance now (no termination), and records the result, judged by the one
   * rule ({@link CopyVerdict#judge}).
   *
   * @throws InstanceUnavailableException when the instance is not running with an SSH address
   */
  public SyncOutcome syncNow(long instanceId, boolean rehashAll, SyncProgress progress) throws InterruptedException {
    return copy.syncNow(instanceId, rehashAll, progress);
  }

  private String summary(Instance instance, boolean forceWithoutSync, String why) {
    double perDay = instance.dphTotal() * 24;
    return instance.nodeName() + " (" + instance.gpuName() + ", " + instance.displayStatus() + "): " + why
        + String.format(Locale.ROOT, "; saves $%.2f/day", perDay)
        + (forceWithoutSync ? "; destroys WITHOUT copying its data"
            : "; copies " + String.join(", ", settings.syncPaths()) + " first");
  }

  private void audit(Actor actor, String action, String target, String outcome) {
    journal.audit(actor, action, target, outcome);
  }

  private void move(Operation operation, OperationState next, String detail) {
    journal.move(operation, next, detail);
  }

  private Operation operation(long id) {
    return journal.operation(id);
  }

  private static String nodeName(long instanceId) {
    return "vast-" + instanceId;
  }
}
