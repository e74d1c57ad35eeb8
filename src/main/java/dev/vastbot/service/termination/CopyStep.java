package dev.vastbot.service.termination;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.BootOutcome;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.sync.CopyVerdict;
import dev.vastbot.fleet.sync.SyncOutcome;
import dev.vastbot.fleet.sync.SyncRecord;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A termination's QUIESCING and SYNCING steps: stop the instance's work (a stopped instance is
 * started first, to be synced), copy its data home and judge the copy by the one rule ({@link
 * CopyVerdict#judge}); and the guard the destroy step asks, whether a verified copy was made since
 * the termination was asked for. Both steps are idempotent, so a crash simply has them done again
 * (the sync resumes its partial files). Used by the {@link Terminator} only; thread-safe as far
 * as the store is.
 */
final class CopyStep {
  private final InstanceAccount account;
  private final FleetStore store;
  private final DataSync sync;
  private final InstanceWork work;
  private final TerminationSettings settings;
  private final Clock clock;
  private final TerminationJournal journal;

  CopyStep(InstanceAccount account, FleetStore store, DataSync sync, InstanceWork work, TerminationSettings settings,
      Clock clock, TerminationJournal journal) {
    this.account = account;
    this.store = store;
    this.sync = sync;
    this.work = work;
    this.settings = settings;
    this.clock = clock;
    this.journal = journal;
  }

  /** Stops the workers and the orchestrator (a stopped instance is started first, to be synced). */
  void quiesce(Operation operation, TerminationRecord termination) throws InterruptedException {
    Optional<Instance> instance = runningForSync(operation, termination);
    if (instance.isEmpty()) {
      return;
    }
    if (termination.forceWithoutSync()) {
      journal.audit(new Actor(operation.requestedBy()), "destroy-without-sync", operation.target(),
          "forced by an approver: the data was NOT copied");
      journal.move(operation, OperationState.DESTROYING, "destroying WITHOUT sync (forced)");
      return;
    }
    for (ShellOutcome stopped : List.of(work.workers().stop(instance.get()),
        work.network().stopOrchestrator(instance.get()))) {
      if (!stopped.completed()) {
        journal.fail(operation, termination, OperationState.NEEDS_ATTENTION,
            "could not quiesce it (" + stopped.message() + "); not synced, not destroyed", true);
        return;
      }
    }
    journal.move(operation, OperationState.SYNCING, "copying " + String.join(", ", settings.syncPaths()));
  }

  /**
   * The instance as it is now, running so it can be synced: a stopped one is started and waited
   * for. Empty when the operation was stopped instead (gone, or it will not start).
   */
  private Optional<Instance> runningForSync(Operation operation, TerminationRecord termination)
      throws InterruptedException {
    Optional<Instance> now = account.fleet().reread(termination.instanceId());
    if (now.isEmpty()) {
      journal.fail(operation, termination, OperationState.FAILED,
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
      journal.fail(operation, termination, OperationState.NEEDS_ATTENTION,
          "it is " + now.get().displayStatus() + ", not running; not synced, not destroyed", false);
      return Optional.empty();
    }
    if (termination.forceWithoutSync()) {
      return now;
    }
    return startedForSync(operation, termination);
  }

  /** Starts a stopped instance and waits until it runs with an SSH address; empty (and stopped) when it does not. */
  private Optional<Instance> startedForSync(Operation operation, TerminationRecord termination)
      throws InterruptedException {
    account.provider().startInstance(termination.instanceId());
    BootOutcome boot = account.waiter().awaitRunning(List.of(termination.instanceId()), settings.bootTimeout(),
        settings.pollInterval()).get(0);
    Optional<Instance> started = boot.kind() == BootOutcome.Kind.RUNNING
        ? account.fleet().reread(termination.instanceId()) : Optional.empty();
    if (started.isEmpty() || started.get().sshAddress().isEmpty()) {
      journal.fail(operation, termination, OperationState.NEEDS_ATTENTION,
          "it was stopped and did not start again within " + settings.bootTimeout().toMinutes()
              + " min (its GPU was probably taken): not synced, not destroyed; its disk is still billed", false);
      return Optional.empty();
    }
    return started;
  }

  /** Copies the data home; VERIFIED when the copy holds, else stopped with the verdict's reason. */
  void sync(Operation operation, TerminationRecord termination, SyncProgress progress) throws InterruptedException {
    Optional<Instance> instance = runningForSync(operation, termination);
    if (instance.isEmpty()) {
      return;
    }
    SyncOutcome outcome = pull(instance.get(), false, progress);
    SyncReport report = outcome.report();
    if (outcome.verified()) {
      journal.move(operation, OperationState.VERIFIED, outcome.verdict().detail(report));
      return;
    }
    if (!report.verified()) {
      OperationState state = report.failure() == SyncReport.Failure.UNREACHABLE
          ? OperationState.NEEDS_ATTENTION : OperationState.FAILED;
      journal.fail(operation, termination, state, "sync not verified (" + outcome.verdict().refusal()
          + "); not destroyed", true);
      return;
    }
    journal.fail(operation, termination, OperationState.NEEDS_ATTENTION, outcome.verdict().refusal()
        + "; not destroyed (" + outcome.verdict().rootsLine() + "). If the data is truly not needed, an approver"
        + " may approve /vast shutdown " + termination.instanceId() + " --force-without-sync", true);
  }

  /**
   * Syncs one running instance now (no termination), and records the result.
   *
   * @throws InstanceUnavailableException when the instance is not running with an SSH address
   */
  SyncOutcome syncNow(long instanceId, boolean rehashAll, SyncProgress progress) throws InterruptedException {
    Instance instance = account.fleet().reread(instanceId)
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

  /** When the verified copy this termination made was taken (the guard of {@link #verifiedSince}). */
  Instant verifiedCopyAt(Operation operation, TerminationRecord termination) {
    return store.syncRecords().stream().filter(r -> r.instanceId() == termination.instanceId() && r.verified()
        && !r.syncedAt().isBefore(operation.createdAt())).map(SyncRecord::syncedAt).findFirst()
        .orElse(operation.createdAt());
  }

  /**
   * A second guard beside the journal's order of states: the store holds a verified sync of the
   * instance made after this termination was asked for.
   */
  boolean verifiedSince(Operation operation, TerminationRecord termination) {
    return store.syncRecords().stream().anyMatch(r -> r.instanceId() == termination.instanceId()
        && r.verified() && !r.syncedAt().isBefore(operation.createdAt()));
  }
}
