package dev.vastbot.service.termination;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.autoscale.PoolMember;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.port.Pause;
import dev.vastbot.fleet.sync.SyncRecord;
import dev.vastbot.service.pool.PoolHolds;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The warm pool's two ends of a termination: parking (stop a verified instance and keep it as a
 * member of its group's pool, held so that the keepalive does not start it again) and retiring
 * (the check that a member's copy, verified before it stopped, still stands, so it is destroyed
 * without a second copy). Used by the {@link Terminator} only; thread-safe as far as the store is.
 */
final class WarmPoolEnding {
  private final GpuProvider provider;
  private final FleetSnapshots fleet;
  private final FleetStore store;
  private final Clock clock;
  private final Pause pause;
  private final TerminationSettings settings;

  WarmPoolEnding(GpuProvider provider, FleetSnapshots fleet, FleetStore store, Clock clock, Pause pause,
      TerminationSettings settings) {
    this.provider = provider;
    this.fleet = fleet;
    this.store = store;
    this.clock = clock;
    this.pause = pause;
    this.settings = settings;
  }

  /** "parks it in the warm pool; " for a park, else nothing: the audit line's prefix. */
  static String describe(TerminationRecord.Ending ending) {
    return ending == TerminationRecord.Ending.PARK ? "stops it into the warm pool after a verified sync; "
        : ending == TerminationRecord.Ending.RETIRE ? "destroys a warm pool member (copied when parked); " : "";
  }

  /**
   * Stops the instance (again, if the stop may have been sent), waits until Vast lists it
   * stopped, and keeps it in its group's pool, held. Returns what went wrong, or "" when parked.
   *
   * @param copiedAt when its verified copy was made
   */
  String park(long instanceId, Instant copiedAt) throws InterruptedException {
    Optional<Instance> before = fleet.reread(instanceId);
    if (before.isEmpty()) {
      return "it is gone from the account; nothing to park";
    }
    // held before the first stop, so the keepalive never starts it again while the stop lands
    PoolHolds.hold(store, instanceId, clock.instant());
    String problem = stopAndKeep(instanceId, copiedAt, before.get());
    if (!problem.isEmpty()) {
      PoolHolds.release(store, instanceId, clock.instant());
    }
    return problem;
  }

  private String stopAndKeep(long instanceId, Instant copiedAt, Instance listed) throws InterruptedException {
    Optional<Instance> before = Optional.of(listed);
    Optional<PoolMember> kept = store.poolMembers().stream().filter(m -> m.instanceId() == instanceId).findFirst();
    double runningDph = kept.map(PoolMember::runningDph).orElse(before.get().dphTotal());
    Instant deadline = clock.instant().plus(settings.bootTimeout());
    Optional<Instance> now = before;
    while (now.isPresent() && now.get().state() != InstanceState.STOPPED) {
      if (!clock.instant().isBefore(deadline)) {
        return "stop sent, but Vast still lists it as " + now.get().displayStatus() + " after "
            + settings.bootTimeout().toSeconds() + " s; not parked, not destroyed";
      }
      try {
        provider.stopInstance(instanceId);
      } catch (ProviderException e) {
        if (!e.transientFailure()) {
          return "stop refused: " + e.getMessage() + "; not parked, not destroyed";
        }
      }
      pause.pause(settings.pollInterval());
      now = fleet.reread(instanceId);
    }
    if (now.isEmpty()) {
      return "it went from the account while it was being stopped";
    }
    String group = store.autoscaleGroups().getOrDefault(instanceId, "");
    Instant stopped = kept.map(PoolMember::stoppedSince).orElse(clock.instant());
    store.addPoolMember(new PoolMember(instanceId, group, stopped, copiedAt.isAfter(stopped) ? stopped : copiedAt,
        now.get().diskGb(), now.get().storageDph(), runningDph));
    return "";
  }

  /**
   * Why a member may not be destroyed without a second copy; empty when its parked copy stands: it
   * is in a pool, Vast lists it stopped now (one started again since, by a person or a late start,
   * may hold games its copy lacks), and its last sync, verified, came before it stopped.
   */
  Optional<String> refuseRetire(long instanceId) {
    Optional<PoolMember> member = member(instanceId);
    if (member.isEmpty()) {
      return Optional.of("vast-" + instanceId + " is not in a warm pool (any more): terminate it as usual");
    }
    Optional<Instance> now = fleet.reread(instanceId);
    if (now.isPresent() && now.get().state() != InstanceState.STOPPED) {
      return Optional.of("vast-" + instanceId + " is " + now.get().displayStatus() + " again, not stopped: it may"
          + " hold data its copy lacks; /vast shutdown it to copy and destroy it");
    }
    Optional<SyncRecord> last = lastSync(instanceId);
    if (last.isEmpty() || !last.get().verified() || last.get().syncedAt().isAfter(member.get().stoppedSince())) {
      return Optional.of("no verified copy from before it stopped");
    }
    return Optional.empty();
  }

  /** "its copy was verified at ... before it stopped at ...", for the journal and the audit. */
  String copyLine(long instanceId) {
    return member(instanceId).map(m -> "its copy was verified at " + m.copiedAt() + ", before it stopped at "
        + m.stoppedSince()).orElse("its copy was verified before it stopped");
  }

  /** The instance is gone: out of its pool, its hold ended. */
  void left(long instanceId) {
    store.removePoolMember(instanceId);
    PoolHolds.release(store, instanceId, clock.instant());
  }

  private Optional<PoolMember> member(long instanceId) {
    return store.poolMembers().stream().filter(m -> m.instanceId() == instanceId).findFirst();
  }

  private Optional<SyncRecord> lastSync(long instanceId) {
    return store.syncRecords().stream().filter(r -> r.instanceId() == instanceId).findFirst();
  }
}
