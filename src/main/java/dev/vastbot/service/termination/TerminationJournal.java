package dev.vastbot.service.termination;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.FleetStore;
import java.time.Clock;
import java.util.Locale;

/**
 * How a termination's steps record what they did: a guarded move of the operation to its next
 * state, the audit trail, and a stop for a reason (NEEDS_ATTENTION, FAILED), which is audited,
 * alerted and, when asked, starts the kept instance's work again. Used by the {@link Terminator}
 * and its steps only; thread-safe as far as the store is.
 */
final class TerminationJournal {
  private final FleetStore store;
  private final AlertSink alerts;
  private final FleetSnapshots fleet;
  private final InstanceWork work;
  private final Clock clock;

  TerminationJournal(FleetStore store, AlertSink alerts, FleetSnapshots fleet, InstanceWork work, Clock clock) {
    this.store = store;
    this.alerts = alerts;
    this.fleet = fleet;
    this.work = work;
    this.clock = clock;
  }

  /**
   * The operation as the store holds it now.
   *
   * @throws IllegalStateException when the store no longer holds it
   */
  Operation operation(long id) {
    return store.operation(id).orElseThrow(() -> new IllegalStateException("operation " + id + " vanished"));
  }

  /** Moves the operation from the state it was read in to {@code next}; a racing mover wins and this does nothing. */
  void move(Operation operation, OperationState next, String detail) {
    store.transitionOperation(operation.id(), operation.state(), next, detail, clock.instant());
  }

  /**
   * Stops the operation in {@code state} for {@code why}: audits it and raises a critical alert
   * (the instance is kept), and with {@code restartWorkers} starts its work again when it runs.
   * Does nothing when another caller moved the operation first.
   */
  void fail(Operation operation, TerminationRecord termination, OperationState state, String why,
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

  void audit(Actor actor, String action, String target, String outcome) {
    store.appendAudit(new AuditEntry(clock.instant(), actor.id(), action, target, outcome));
  }

  /** The instance is kept: its workers and orchestrator run again. */
  private void startWorkAgain(Instance instance) {
    try {
      work.workers().restart(instance);
      work.network().start(instance, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException notStarted) {
      alerts.alert(new Alert(Alert.Severity.WARNING, "termination:" + instance.id(),
          instance.nodeName() + ": kept, but its work did not start again: " + notStarted.getMessage()));
    }
  }
}
