package dev.vastbot.service.autoscale;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.PoolMember;
import dev.vastbot.fleet.autoscale.Reaction;
import dev.vastbot.fleet.autoscale.WarmPoolKeeper;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.port.Pause;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.reservation.RentScope;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.fleet.reservation.ReservationOutcome;
import dev.vastbot.service.pool.PoolHolds;
import dev.vastbot.service.provision.Provisioner;
import dev.vastbot.service.reservation.Reserver;
import dev.vastbot.service.termination.Terminator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
/**
 * What the autoscaler does to a group's warm pool: restarts members before a scale-up rents (each
 * under a reservation of one slot, as every rent is; a member whose GPU was taken, one that does
 * not run within the restart deadline, is stopped again and destroyed through termination without
 * a second copy), and tends the pool each tick (members gone or running again leave it; expired
 * ones are destroyed through termination). The decisions are {@link WarmPoolKeeper}'s. Every
 * restart is a journalled operation ({@link #KIND}) and audited. Thread-safe as far as the store is.
 */
public final class WarmPoolActions {
  /** The journal kind of a restart from the pool. */
  public static final String KIND = "pool-restart";
  private final GpuProvider provider;
  private final FleetStore store;
  private final Reserver reserver;
  private final Terminator terminator;
  private final Clock clock;
  private final Pause pause;
  private final Duration restartDeadline;
  private final Duration freshBoot;
  private final Duration pollInterval;
  private final PoolRetirement retirement;
  private final Provisioner.InstancePreparation preparation;

  /**
   * How long a restart from the pool is followed.
   *
   * @param restartTimeout {@code keepalive.restart_timeout_minutes}: a restarted member not running
   *     by then, or by {@code freshBoot} when that is sooner ({@link WarmPoolKeeper#restartDeadline}),
   *     lost its GPU to another renter
   * @param freshBoot a fresh rent's boot by the policy's estimate ({@link Reaction#bootEstimate()}):
   *     the restart deadline's bound and what a member's storage is weighed against
   * @param pollInterval how often a restarted member is looked up until it runs
   */
  public record RestartTiming(Duration restartTimeout, Duration freshBoot, Duration pollInterval) {
    public RestartTiming {
      requireNonNull(restartTimeout, "restartTimeout == null");
      requireNonNull(freshBoot, "freshBoot == null");
      requireNonNull(pollInterval, "pollInterval == null");
    }
  }

  /**
   * @param timing how long a restart is followed, and what a member's storage is weighed against
   * @param preparation makes a member that runs again useful (workers, P2P), as the keepalive does
   *     after it restarts a stopped instance
   */
  public WarmPoolActions(GpuProvider provider, FleetStore store, Reserver reserver, Terminator terminator,
      Clock clock, Pause pause, RestartTiming timing, Provisioner.InstancePreparation preparation) {
    this.preparation = requireNonNull(preparation, "preparation == null");
    this.provider = requireNonNull(provider, "provider == null");
    this.store = requireNonNull(store, "store == null");
    this.reserver = requireNonNull(reserver, "reserver == null");
    this.terminator = requireNonNull(terminator, "terminator == null");
    this.clock = requireNonNull(clock, "clock == null");
    this.pause = requireNonNull(pause, "pause == null");
    requireNonNull(timing, "timing == null");
    this.freshBoot = timing.freshBoot();
    this.restartDeadline = WarmPoolKeeper.restartDeadline(timing.restartTimeout(), timing.freshBoot());
    this.pollInterval = timing.pollInterval();
    this.retirement = new PoolRetirement(terminator, store);
  }

  /** The group's members not being destroyed (their termination under way), longest stopped first. */
  public List<PoolMember> members(String group) {
    Set<String> leaving = store.openOperations(Terminator.KIND).stream().map(Operation::target)
        .collect(Collectors.toSet());
    return store.poolMembers().stream().filter(m -> m.group().equals(group))
        .filter(m -> !leaving.contains(m.nodeName())).toList();
  }

  /**
   * Restarts up to {@code wanted} of the group's members, the most recently stopped first, each
   * under a reservation of the group's ({@code leaving} and the other members take no slot). A
   * reservation refused restarts no more. Says what it did in the result's lines.
   */
  public Restarted restart(GroupPolicy group, int wanted, Set<Long> leaving, Actor actor)
      throws InterruptedException {
    Noted<Map<PoolMember, Started>> started = startUpTo(group, wanted, leaving, actor);
    if (started.value().isEmpty()) {
      return new Restarted(0, Set.of(), started.lines());
    }
    var done = new ArrayList<>(started.lines());
    try {
      Set<Long> running = awaitRunning(started.value().keySet().stream().map(PoolMember::instanceId).toList());
      int restarted = 0;
      var letGo = new HashSet<Long>();
      for (var entry : started.value().entrySet()) {
        if (running.contains(entry.getKey().instanceId())) {
          restarted++;
          done.add(back(entry.getKey(), entry.getValue().operation(), actor));
        } else {
          done.addAll(taken(group, entry.getKey(), entry.getValue().operation(), actor));
          letGo.add(entry.getKey().instanceId());
        }
        // released after the member left the pool: it holds a place under the ceiling all along
        reserver.release(entry.getValue().reservation().orElseThrow());
      }
      for (PoolMember member : started.value().keySet()) {
        if (running.contains(member.instanceId())) {
          prepare(member, actor).ifPresent(done::add);
        }
      }
      return new Restarted(restarted, letGo, done);
    } catch (ProviderException e) {
      throw ActingFailed.after(done, e);
    }
  }

  /**
   * Starts up to {@code wanted} members, the most recently stopped first (none another process is
   * restarting), each under a reservation; a reservation refused starts no more. The ones started.
   */
  private Noted<Map<PoolMember, Started>> startUpTo(GroupPolicy group, int wanted, Set<Long> leaving, Actor actor) {
    List<PoolMember> members = members(group.name());
    Set<Long> pooled = members.stream().map(PoolMember::instanceId).collect(Collectors.toSet());
    Set<String> restarting = restartsUnderWay();
    List<PoolMember> free = members.stream().filter(m -> !restarting.contains(m.nodeName())).toList();
    var started = new LinkedHashMap<PoolMember, Started>();
    var lines = new ArrayList<String>();
    for (PoolMember member : WarmPoolKeeper.restartFirst(free, wanted)) {
      var notCounted = new HashSet<>(leaving);
      notCounted.addAll(pooled);
      Started one = start(group, member, notCounted, actor);
      lines.addAll(one.lines());
      if (one.reservation().isEmpty()) {
        break;
      }
      started.put(member, one);
    }
    return new Noted<>(started, lines);
  }

  /**
   * What {@link #restart} did: how many members run again, the members whose GPU was taken (being
   * destroyed, or destroyed already though a list may still show them: they take no slot), and
   * what it did, for people.
   */
  public record Restarted(int running, Set<Long> letGo, List<String> lines) {
    public Restarted {
      letGo = Set.copyOf(letGo);
      lines = List.copyOf(lines);
    }
  }

  /**
   * A restart begun: its journal operation and the reservation it holds (empty: refused, nothing
   * started), with what it said.
   */
  private record Started(long operation, Optional<Reservation> reservation, List<String> lines) {}

  private Started start(GroupPolicy group, PoolMember member, Set<Long> notCounted, Actor actor) {
    Instant now = clock.instant();
    long operation = store.startOperation(KIND, actor.id(), member.nodeName(), now);
    double added = Math.max(0, member.runningDph() - member.storageDph());
    ReservationOutcome reserved = reserver.reserve(operation, RentScope.group(group.name(), notCounted), 1, added);
    if (reserved.refusal().isPresent()) {
      String why = reserved.refusal().get().reason();
      store.updateOperation(operation, OperationState.FAILED, "not restarted: " + why, now);
      return new Started(operation, Optional.empty(),
          List.of(member.nodeName() + " not restarted from the warm pool: " + why));
    }
    List<String> lines = List.of();
    try {
      store.updateOperation(operation, OperationState.RUNNING, "restarting from the warm pool", now);
      provider.startInstance(member.instanceId());
    } catch (ProviderException e) {
      // refused (unavailable) or not known to have reached Vast: followed as any start, to the deadline
      lines = List.of(member.nodeName() + ": the start answered " + e.getMessage());
    }
    return new Started(operation, reserved.granted(), lines);
  }

  /** The ids among {@code ids} that Vast lists running within the restart deadline. */
  private Set<Long> awaitRunning(List<Long> ids) throws InterruptedException {
    Instant deadline = clock.instant().plus(restartDeadline);
    Set<Long> running = new HashSet<>();
    while (true) {
      for (long id : ids) {
        if (!running.contains(id) && listedRunning(id)) {
          running.add(id);
        }
      }
      if (running.size() == ids.size() || !clock.instant().isBefore(deadline)) {
        return running;
      }
      pause.pause(pollInterval);
    }
  }

  private boolean listedRunning(long id) {
    try {
      return provider.findInstance(id).filter(i -> i.state() == InstanceState.RUNNING).isPresent();
    } catch (ProviderException e) {
      if (e.transientFailure()) {
        return false;
      }
      throw e;
    }
  }

  /** Out of the pool, running again; what it did, for people. */
  private String back(PoolMember member, long operation, Actor actor) {
    Instant now = clock.instant();
    store.removePoolMember(member.instanceId());
    PoolHolds.release(store, member.instanceId(), now);
    store.updateOperation(operation, OperationState.SUCCEEDED, "running again", now);
    store.appendAudit(new AuditEntry(now, actor.id(), "restart-from-pool", member.nodeName(),
        "running again after " + member.stoppedFor(now).toMinutes() + " min stopped"));
    return member.nodeName() + " restarted from the warm pool (stopped " + member.stoppedFor(now).toMinutes()
        + " min)";
  }

  /**
   * The members another process (cron beside {@code serve}) is restarting now: an open restart
   * younger than twice the deadline; an older one was left by a process that died, and is no bar.
   */
  private Set<String> restartsUnderWay() {
    Instant stale = clock.instant().minus(restartDeadline.multipliedBy(2));
    return store.openOperations(KIND).stream().filter(op -> op.createdAt().isAfter(stale))
        .map(Operation::target).collect(Collectors.toSet());
  }

  /**
   * Starts its workers and rejoins it to the P2P network; what that did (empty: nothing to say). A
   * failure is a line, not a stop.
   */
  private Optional<String> prepare(PoolMember member, Actor actor) throws InterruptedException {
    try {
      Optional<Instance> now = provider.findInstance(member.instanceId());
      String prepared = now.isEmpty() ? "" : preparation.prepare(now.get());
      if (prepared.isEmpty()) {
        return Optional.empty();
      }
      store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "prepare-after-restart", member.nodeName(),
          prepared));
      return Optional.of(member.nodeName() + ": " + prepared);
    } catch (RuntimeException e) {
      return Optional.of(member.nodeName() + ": workers and P2P not started after its restart: " + e.getMessage());
    }
  }

  /** Its GPU was taken: stopped again (so it cannot start later and bill), then destroyed through termination. */
  private List<String> taken(GroupPolicy group, PoolMember member, long operation, Actor actor)
      throws InterruptedException {
    Instant now = clock.instant();
    String why = "not running " + restartDeadline.toSeconds() + " s after its restart: its GPU was taken";
    store.updateOperation(operation, OperationState.FAILED, why, now);
    var lines = new ArrayList<String>();
    try {
      provider.stopInstance(member.instanceId());
    } catch (ProviderException e) {
      lines.add(member.nodeName() + ": stopping it again failed: " + e.getMessage());
    }
    lines.add(member.nodeName() + " " + why + "; " + retirement.retire(group, member, actor, why));
    return lines;
  }

  /**
   * Tends the group's pool: members no longer listed, or running again (someone restarted them),
   * leave it; expired ones are destroyed through termination. Returns what it did, for people.
   */
  public List<String> tend(GroupPolicy group, List<Instance> listed, Actor actor) throws InterruptedException {
    Map<Long, Instance> byId = listed.stream().collect(Collectors.toMap(Instance::id, i -> i, (a, b) -> a));
    var lines = new ArrayList<String>();
    var kept = new ArrayList<PoolMember>();
    for (PoolMember member : members(group.name())) {
      Instance now = byId.get(member.instanceId());
      if (now == null || now.state() == InstanceState.RUNNING) {
        store.removePoolMember(member.instanceId());
        PoolHolds.release(store, member.instanceId(), clock.instant());
        lines.add(member.nodeName() + " left the warm pool: " + (now == null ? "gone" : "running again"));
      } else {
        kept.add(member);
      }
    }
    Instant now = clock.instant();
    for (WarmPoolKeeper.Expiry expiry : WarmPoolKeeper.expired(group.warmPool(), kept, now, freshBoot)) {
      lines.add(expiry.member().nodeName() + " leaves the warm pool (" + expiry.why() + "): "
          + retirement.retire(group, expiry.member(), actor, "warm pool: " + expiry.why()));
    }
    return lines;
  }

  /**
   * Parks one instance of a scale-down: a termination that copies, verifies and then stops it into
   * the group's pool, approved by the pool's rule (a stop loses nothing). What it did, for people.
   */
  public String park(String group, long id, Actor actor, String why) throws InterruptedException {
    try {
      var requested = terminator.request(id, actor, TerminationRecord.Ending.PARK, why);
      Operation operation = requested.operation();
      if (requested.joined()) {
        return "vast-" + id + ": termination " + operation.id() + " already under way";
      }
      var decided = terminator.approveByPolicy(operation.id(), group + " warm_pool (a stop loses nothing)");
      Operation ended = decided.counted() ? terminator.proceed(operation.id(), SyncProgress.NONE)
          : store.operation(operation.id()).orElse(operation);
      return "vast-" + id + ": " + (ended.state() == OperationState.SUCCEEDED
          ? "copied, verified and stopped into the warm pool (operation " + operation.id() + ")"
          : "parking " + operation.id() + " " + ended.state().display() + ": " + ended.detail());
    } catch (InstanceUnavailableException e) {
      return "vast-" + id + ": " + e.getMessage();
    }
  }
}
