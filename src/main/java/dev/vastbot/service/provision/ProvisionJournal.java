package dev.vastbot.service.provision;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.BootOutcome;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProvisionResult;
import dev.vastbot.fleet.port.FleetStore;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * How a provision ends in the journal and the audit log: refused, failed on the provider, or
 * finished with its boots. Thread-safe as far as the store is.
 */
final class ProvisionJournal {
  private final FleetStore store;
  private final Clock clock;

  /** A step of a provision that the provider may fail ({@link ProviderException}). */
  @FunctionalInterface
  interface Step {
    ProvisionResult run() throws InterruptedException;
  }

  ProvisionJournal(FleetStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Starts the journal's operation of a provision of {@code what} by {@code actor}. */
  long start(String what, Actor actor) {
    return store.startOperation("provision", actor.id(), what, clock.instant());
  }

  /**
   * Runs {@code step}; a provider failure marks the operation failed and, when {@code audited},
   * is audited as well, then is rethrown.
   */
  ProvisionResult failingOnProviderError(long operation, String what, Actor actor, boolean audited, Step step)
      throws InterruptedException {
    try {
      return step.run();
    } catch (ProviderException e) {
      store.updateOperation(operation, OperationState.FAILED, e.getMessage(), clock.instant());
      if (audited) {
        store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "provision", what, "failed: " + e.getMessage()));
      }
      throw e;
    }
  }

  /** Refuses the provision: nothing was created. */
  ProvisionResult refuse(long operation, String what, Actor actor, String why) {
    store.updateOperation(operation, OperationState.FAILED, "refused: " + why, clock.instant());
    store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "provision", what, "refused: " + why));
    return new ProvisionResult(operation, why, List.of(), List.of());
  }

  /** Ends the provision as its boots went: succeeded when all {@code count} run, else failed. */
  ProvisionResult finish(long operation, String what, int count, Actor actor, List<BootOutcome> boots,
      List<String> notes, List<Long> taken) {
    var result = new ProvisionResult(operation, null, boots, notes, false, taken);
    long running = boots.stream().filter(b -> b.kind() == BootOutcome.Kind.RUNNING).count();
    String summary = running + " of " + count + " running: "
        + boots.stream().map(b -> b.id() + " " + b.kind().name().toLowerCase(Locale.ROOT)).toList();
    OperationState state = result.succeeded(count) ? OperationState.SUCCEEDED : OperationState.FAILED;
    store.updateOperation(operation, state, summary, clock.instant());
    store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "provision", what, summary));
    return result;
  }
}
