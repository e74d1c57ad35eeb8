package dev.vastbot.service.termination;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.port.FleetStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * How a termination ends once it may: DESTROYING (the DELETE, sent again if it may have been sent,
 * and the account read until the instance is gone), a park into the warm pool after a verified
 * copy, or a warm pool member's retirement (destroyed without a second copy while the one it was
 * parked with holds). Destroy is sent only with a verified copy made since the request, a retired
 * member's standing copy, or an approver's force without sync. Used by the {@link Terminator} only;
 * thread-safe as far as the store is.
 */
final class EndStep {
  private final InstanceAccount account;
  private final FleetStore store;
  private final TerminationSettings settings;
  private final Clock clock;
  private final TerminationJournal journal;
  private final CopyStep copy;
  private final WarmPoolEnding poolEnding;

  EndStep(InstanceAccount account, FleetStore store, TerminationSettings settings, Clock clock,
      TerminationJournal journal, CopyStep copy) {
    this.account = account;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.journal = journal;
    this.copy = copy;
    this.poolEnding = new WarmPoolEnding(account.provider(), account.fleet(), store, clock, account.pause(), settings);
  }

  /**
   * Stops a verified instance into its group's warm pool, waits until Vast lists it stopped, and
   * records it as a member; done again after a crash (a stop and the member's row are idempotent).
   */
  void park(Operation operation, TerminationRecord termination) throws InterruptedException {
    String outcome = poolEnding.park(termination.instanceId(), copy.verifiedCopyAt(operation, termination));
    if (!outcome.isEmpty()) {
      journal.fail(operation, termination, OperationState.NEEDS_ATTENTION, outcome, true);
      return;
    }
    journal.move(operation, OperationState.SUCCEEDED, "stopped into the warm pool after a verified sync");
    journal.audit(new Actor(operation.requestedBy()), "park", operation.target(),
        "stopped into the warm pool after a verified sync (not destroyed)");
  }

  /** A pool member goes to its destroy without a second copy, when the copy it was parked with holds. */
  void retire(Operation operation, TerminationRecord termination) {
    Optional<String> refusal = poolEnding.refuseRetire(termination.instanceId());
    if (refusal.isPresent()) {
      journal.fail(operation, termination, OperationState.FAILED, refusal.get() + "; not destroyed", false);
      return;
    }
    journal.move(operation, OperationState.DESTROYING, "destroying a warm pool member: not copied again, "
        + poolEnding.copyLine(termination.instanceId()));
  }

  /** Sends the DELETE (again, if it may have been sent) and reads the instance until it is gone. */
  void destroy(Operation operation, TerminationRecord termination) throws InterruptedException {
    Optional<String> refusal = refuseDestroy(operation, termination);
    if (refusal.isPresent()) {
      journal.fail(operation, termination, OperationState.FAILED, refusal.get(), false);
      return;
    }
    Instant deadline = clock.instant().plus(settings.goneTimeout());
    while (true) {
      Optional<Instance> now = account.fleet().reread(termination.instanceId());
      if (now.isEmpty()) {
        recordDestroyed(operation, termination);
        return;
      }
      if (!clock.instant().isBefore(deadline)) {
        journal.fail(operation, termination, OperationState.NEEDS_ATTENTION,
            "destroy sent, but Vast still lists it as " + now.get().displayStatus() + " after "
                + settings.goneTimeout().toSeconds() + " s", false);
        return;
      }
      Optional<String> refused = sendDestroy(termination.instanceId());
      if (refused.isPresent()) {
        journal.fail(operation, termination, OperationState.NEEDS_ATTENTION, refused.get(), false);
        return;
      }
      account.pause().pause(settings.pollInterval());
    }
  }

  /** Why this termination may not destroy (it parks, or it has no copy that holds), or empty when it may. */
  private Optional<String> refuseDestroy(Operation operation, TerminationRecord termination) {
    if (termination.ending() == TerminationRecord.Ending.PARK) {
      return Optional.of("refused to destroy: this termination parks");
    }
    boolean copied = termination.ending() == TerminationRecord.Ending.RETIRE
        ? poolEnding.refuseRetire(termination.instanceId()).isEmpty() : copy.verifiedSince(operation, termination);
    return !termination.forceWithoutSync() && !copied ? Optional.of("refused to destroy: no verified copy")
        : Optional.empty();
  }

  /** Sends one DELETE; a transient failure is tried again on the next read, any other is returned. */
  private Optional<String> sendDestroy(long instanceId) {
    try {
      account.provider().destroyInstance(instanceId);
      return Optional.empty();
    } catch (ProviderException transientOrNot) {
      return transientOrNot.transientFailure() ? Optional.empty()
          : Optional.of("destroy refused: " + transientOrNot.getMessage());
    }
  }

  private void recordDestroyed(Operation operation, TerminationRecord termination) {
    store.recordGone(termination.instanceId(), clock.instant()); // its slot is free before the next list
    journal.move(operation, OperationState.SUCCEEDED, "destroyed; Vast no longer lists it");
    journal.audit(new Actor(operation.requestedBy()), "destroy", operation.target(),
        termination.forceWithoutSync() ? "destroyed WITHOUT sync"
            : termination.ending() == TerminationRecord.Ending.RETIRE
                ? "destroyed a warm pool member; not copied again: " + poolEnding.copyLine(termination.instanceId())
                : "destroyed after a verified sync");
    poolEnding.left(termination.instanceId());
  }
}
