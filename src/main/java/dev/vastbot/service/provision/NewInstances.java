package dev.vastbot.service.provision;

import dev.vastbot.fleet.BootOutcome;
import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What follows a rent's creates ({@link Readying}): the bot's SSH key attached to each new
 * instance, each one's set-up spanned in the store ({@link SetupSpans}) while it is followed to
 * running and prepared. Confined to the thread that provisions.
 */
final class NewInstances {
  private final GpuProvider provider;
  private final FleetStore store;
  private final Clock clock;
  private final ProvisionPolicy policy;
  private final Readying readying;

  /** What bringing the new instances up did: one boot per instance, and notes for people. */
  record BroughtUp(List<BootOutcome> boots, List<String> notes) {
    BroughtUp {
      boots = List.copyOf(boots);
      notes = List.copyOf(notes);
    }
  }

  NewInstances(GpuProvider provider, FleetStore store, Clock clock, ProvisionPolicy policy, Readying readying) {
    this.provider = provider;
    this.store = store;
    this.clock = clock;
    this.policy = policy;
    this.readying = readying;
  }

  /**
   * Registers the bot's SSH key with the account, before any create; the key, empty when none is
   * configured.
   *
   * @throws RuntimeException as the key's supplier or the provider throws
   */
  Optional<String> registerKey() {
    Optional<String> key = readying.sshPublicKey().get();
    key.ifPresent(provider::ensureAccountSshKey);
    return key;
  }

  /**
   * Attaches {@code key} to each of {@code ids}, follows them until they run (the operation says
   * so meanwhile), and prepares each that runs, one after the other.
   */
  BroughtUp bringUp(long operation, List<Long> ids, Optional<String> key) throws InterruptedException {
    try (var setups = new SetupSpans(store, clock, OpenSetup.PROVISION)) {
      ids.forEach(setups::begin);
      var notes = new ArrayList<String>(key.map(k -> attachSshKey(ids, k)).orElse(List.of()));
      store.updateOperation(operation, OperationState.RUNNING,
          "created " + ids + "; waiting for them to run", clock.instant());
      List<BootOutcome> boots = readying.waiter().awaitRunning(ids, policy.bootTimeout(), policy.pollInterval());
      notes.addAll(prepareEach(boots, setups));
      return new BroughtUp(boots, notes);
    }
  }

  /** The instances whose key was not attached, and why; a failure is a note, not a stop. */
  private List<String> attachSshKey(List<Long> ids, String key) {
    var problems = new ArrayList<String>();
    for (long id : ids) {
      try {
        provider.attachSshKey(id, key);
      } catch (ProviderException e) {
        problems.add("instance " + id + ": SSH key not attached (" + e.getMessage() + ")");
      }
    }
    return problems;
  }

  /**
   * Prepares each instance that runs, one after the other; each one's set-up ends when it is
   * prepared (or, when it did not boot, at once), so the health sweep judges it from then on. What
   * each preparation did, for people.
   */
  private List<String> prepareEach(List<BootOutcome> boots, SetupSpans setups) throws InterruptedException {
    boots.stream().filter(boot -> boot.kind() != BootOutcome.Kind.RUNNING)
        .forEach(boot -> setups.end(boot.id(), "not running"));
    var notes = new ArrayList<String>();
    for (BootOutcome boot : boots) {
      if (boot.kind() == BootOutcome.Kind.RUNNING) {
        String done = readying.preparation().prepare(boot.last().orElseThrow());
        setups.end(boot.id(), "done");
        if (!done.isEmpty()) {
          notes.add("vast-" + boot.id() + ": " + done);
        }
      }
    }
    return notes;
  }
}
