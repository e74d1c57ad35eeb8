package dev.vastbot.service.work;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.BootOutcome;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.work.KeepalivePolicy;
import dev.vastbot.fleet.work.KeepaliveReport;
import dev.vastbot.fleet.work.WorkerRestart;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.service.provision.SetupSpans;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
/**
 * The old {@code vast_keepalive.py}, fixed: status, a litter-free ping, restart of stopped
 * instances (followed to running; one that does not come back is marked for replacement, not
 * retried forever), and restart of workers on reachable instances that run none.
 */
public final class Keepalive {
  /** The journal kind of "this instance should be replaced". */
  public static final String REPLACE = "replace";
  /** What {@link #restartStopped} reports for an instance that runs again. */
  public static final String RUNNING_AGAIN = "running again";
  /** The journal kind of "a person stopped this on purpose: do not restart it". */
  public static final String HOLD = "hold";
  private final FleetSnapshots fleet;
  private final RemoteShell shell;
  private final FleetStore store;
  private final HealthSweep sweep;
  private final WorkerControl workers;
  private final InstanceRestarts restarts;
  private final KeepalivePolicy policy;
  private final Clock clock;

  /**
   * @param sweep the health checks {@link #auto} acts on (may be null when {@code auto} is never called)
   * @param restarts how a stopped instance is started, followed and made useful again; its
   *     preparation's set-up lasts from the start until it is done
   */
  public Keepalive(FleetSnapshots fleet, RemoteShell shell, FleetStore store, HealthSweep sweep,
      WorkerControl workers, InstanceRestarts restarts, KeepalivePolicy policy, Clock clock) {
    this.fleet = fleet;
    this.shell = shell;
    this.store = store;
    this.sweep = sweep;
    this.workers = workers;
    this.restarts = restarts;
    this.policy = policy;
    this.clock = clock;
  }

  /** Opens an SSH session to each running instance and runs {@code true}: no file is left. */
  public Map<Long, String> ping(List<Instance> instances) {
    List<SshTarget> targets = instances.stream()
        .filter(i -> i.state() == InstanceState.RUNNING)
        .flatMap(i -> WorkerControl.target(i).stream()).toList();
    Map<Long, String> results = new LinkedHashMap<>();
    shell.runOnAll(targets, "true", policy.commandDeadline())
        .forEach((id, outcome) -> results.put(id, outcome.succeeded() ? "ok" : WorkerControl.describe(outcome)));
    return results;
  }

  /**
   * Starts every stopped instance not already marked for replacement and follows it; those that
   * are not running by the deadline are marked for replacement, those that run again are prepared.
   * From its start until it is prepared (or found not running) an instance is in set-up ({@link
   * SetupSpans}): the health sweep shows it as starting.
   */
  public Map<Long, String> restartStopped(List<Instance> instances, Actor actor) throws InterruptedException {
    try (var setups = new SetupSpans(store, clock, OpenSetup.RESTART)) {
      return restartStopped(instances, actor, setups, true);
    }
  }

  /** {@link #restartStopped(List, Actor)}; with {@code prepare} false the set-ups of those running again stay open. */
  private Map<Long, String> restartStopped(List<Instance> instances, Actor actor, SetupSpans setups, boolean prepare)
      throws InterruptedException {
    Started started = startStopped(instances, setups);
    Map<Long, String> results = new LinkedHashMap<>(started.leftAlone());
    for (BootOutcome boot : restarts.waiter().awaitRunning(started.ids(), policy.restartTimeout(),
        policy.pollInterval())) {
      if (boot.kind() != BootOutcome.Kind.RUNNING) {
        setups.end(boot.id(), "not running");
        results.put(boot.id(), markForReplacement(boot, actor));
        continue;
      }
      if (prepare) {
        prepareAgain(boot.last().orElseThrow(), actor);
        setups.end(boot.id(), "done");
      }
      results.put(boot.id(), RUNNING_AGAIN);
    }
    return results;
  }

  /**
   * What {@link #startStopped} did: the instances it started (their set-ups begun), and why each
   * other stopped one was left alone, in the order given.
   */
  private record Started(List<Long> ids, Map<Long, String> leftAlone) {}

  /** Starts each stopped instance that may be (its set-up begins); says why the others were not. */
  private Started startStopped(List<Instance> instances, SetupSpans setups) {
    Set<String> marked = store.openOperations(REPLACE).stream().map(Operation::target)
        .collect(Collectors.toSet());
    Map<String, Operation> held = store.openOperations(HOLD).stream()
        .collect(Collectors.toMap(Operation::target, o -> o, (a, b) -> b));
    List<Long> started = new ArrayList<>();
    Map<Long, String> leftAlone = new LinkedHashMap<>();
    for (Instance instance : instances) {
      if (instance.state() != InstanceState.STOPPED) {
        continue;
      }
      Optional<String> why = whyNotStarted(instance, marked, held);
      if (why.isPresent()) {
        leftAlone.put(instance.id(), why.get());
        continue;
      }
      restarts.provider().startInstance(instance.id());
      setups.begin(instance.id());
      started.add(instance.id());
    }
    return new Started(started, leftAlone);
  }

  /** Why a stopped instance is not started (held, marked for replacement, changed since), or empty. */
  private Optional<String> whyNotStarted(Instance instance, Set<String> marked, Map<String, Operation> held) {
    if (held.containsKey(instance.nodeName())) {
      return Optional.of("stopped on purpose by " + held.get(instance.nodeName()).requestedBy()
          + "; /vast restart " + instance.id() + " brings it back");
    }
    if (marked.contains(instance.nodeName())) {
      return Optional.of("marked for replacement earlier; not restarted again");
    }
    Optional<Instance> now = fleet.reread(instance.id());
    if (now.isEmpty() || now.get().state() != InstanceState.STOPPED) {
      return Optional.of(now.map(i -> "no longer stopped (" + i.displayStatus() + "); left alone")
          .orElse("gone from the account; nothing to restart"));
    }
    return Optional.empty();
  }

  /** Makes an instance that runs again useful (workers, P2P); audited. */
  private void prepareAgain(Instance instance, Actor actor) throws InterruptedException {
    String done = restarts.preparation().prepare(instance);
    if (!done.isEmpty()) {
      store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "prepare-after-restart", instance.nodeName(),
          done));
    }
  }

  private String markForReplacement(BootOutcome boot, Actor actor) {
    String why = "did not come back within " + policy.restartTimeout().toMinutes()
        + " min after a restart (" + boot.kind().name().toLowerCase(java.util.Locale.ROOT)
        + boot.last().map(i -> ", " + i.displayStatus()).orElse("") + "): its GPU was probably taken";
    long operation = store.startOperation(REPLACE, actor.id(), "vast-" + boot.id(), clock.instant());
    store.updateOperation(operation, OperationState.AWAITING_APPROVAL, why, clock.instant());
    store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "mark-for-replacement", "vast-" + boot.id(), why));
    return "marked for replacement: " + why;
  }

  /**
   * The full pass ({@code --auto}): health, ping, restart stopped instances, and restart workers
   * on reachable instances that run none. A loop ({@code manual} false) acts on an instance only
   * after {@code failuresBeforeAction} failed checks in a row; a person's command acts at once.
   */
  public KeepaliveReport auto(Actor actor, boolean manual) throws InterruptedException {
    List<Instance> instances = observe();
    List<HostHealth> health = sweep.sweep(instances);
    Map<Long, String> pings = ping(instances);
    Map<Long, String> restarted = restartStopped(instances, actor);
    List<WorkerRestart> restarts = new ArrayList<>();
    Map<Long, String> skipped = new LinkedHashMap<>();
    for (HostHealth host : health) {
      if (!host.assessment().reachableWithoutWorkers()) {
        continue;
      }
      int failures = host.streak().consecutiveFailures();
      if (!manual && failures < policy.failuresBeforeAction()) {
        skipped.put(host.instance().id(), "no workers in " + failures + " check(s) in a row; acting after "
            + policy.failuresBeforeAction());
        continue;
      }
      Optional<Instance> now = fleet.reread(host.instance().id());
      if (now.isEmpty() || now.get().state() != InstanceState.RUNNING) {
        skipped.put(host.instance().id(), now.map(i -> "now " + i.displayStatus()).orElse("gone")
            + "; workers not restarted");
        continue;
      }
      WorkerRestart restart = workers.restart(now.get());
      store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "restart-workers",
          host.instance().nodeName(), restart.succeeded() ? restart.workersAfter() + " worker(s) running"
              : "failed: " + restart.problem()));
      restarts.add(restart);
    }
    return new KeepaliveReport(health, pings, restarted, restarts, skipped);
  }

  /**
   * Stops an instance on a person's request and records the intent, so that keepalive leaves it
   * stopped until someone restarts it. Its disk (and storage billing) stays.
   */
  public void stopOnPurpose(long id, Actor actor) {
    Instance instance = fleet.reread(id)
        .orElseThrow(() -> InstanceUnavailableException.notOnAccount(id));
    restarts.provider().stopInstance(id);
    long operation = store.startOperation(HOLD, actor.id(), instance.nodeName(), clock.instant());
    store.updateOperation(operation, OperationState.RUNNING, "stopped on purpose; keepalive leaves it",
        clock.instant());
    store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "stop", instance.nodeName(), "stopped, held"));
  }

  /** Ends any hold on an instance (a person asked to bring it back). */
  public void releaseHold(long id, Actor actor) {
    for (Operation hold : store.openOperations(HOLD)) {
      if (hold.target().equals("vast-" + id)) {
        store.updateOperation(hold.id(), OperationState.SUCCEEDED, "released by " + actor.id(), clock.instant());
      }
    }
  }

  /** Restarts one instance: starts it if stopped (and waits), then restarts its workers. */
  public WorkerRestart restartInstance(long id, Actor actor) throws InterruptedException {
    Instance instance = fleet.reread(id)
        .orElseThrow(() -> InstanceUnavailableException.notOnAccount(id));
    releaseHold(id, actor);
    try (var setups = new SetupSpans(store, clock, OpenSetup.RESTART)) {
      if (instance.state() == InstanceState.STOPPED) {
        String result = restartStopped(List.of(instance), actor, setups, false).get(id);
        if (!RUNNING_AGAIN.equals(result)) {
          return new WorkerRestart(id, workers.workloads().boardFor(instance.gpuName()), -1, "", result);
        }
        instance = fleet.reread(id).orElse(instance);
      }
      WorkerRestart restart = restartWorkers(instance, actor);
      setups.end(id, "done");
      return restart;
    }
  }

  private WorkerRestart restartWorkers(Instance instance, Actor actor) {
    WorkerRestart restart = workers.restart(instance);
    store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "restart-workers", instance.nodeName(),
        restart.succeeded() ? restart.workersAfter() + " worker(s) running" : "failed: " + restart.problem()));
    return restart;
  }

  /** The shared snapshot (refreshed by the health loop); each action re-reads its instance. */
  private List<Instance> observe() {
    return fleet.current().instances();
  }
}
