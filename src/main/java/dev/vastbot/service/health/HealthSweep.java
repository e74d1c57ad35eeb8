package dev.vastbot.service.health;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.alert.AlertBatch;
import dev.vastbot.fleet.alert.AlertEvent;
import dev.vastbot.fleet.health.HealthAssessment;
import dev.vastbot.fleet.health.HealthClassifier;
import dev.vastbot.fleet.health.HealthLevel;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.health.ProbeScript;
import dev.vastbot.fleet.health.ProbeSettings;
import dev.vastbot.fleet.health.SweepProgress;
import dev.vastbot.fleet.health.SweepsUnderWay;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
/**
 * Probes every running instance in one parallel SSH round trip each, classifies the answers, and
 * counts consecutive failures in the store ({@link HealthRecorder}: a chunk of hosts a transaction).
 * A changed host key raises an alert; the sweep's alerts go to the sink together, as one {@link
 * AlertBatch}. Instances that are not running are not probed (their state says enough), nor are
 * those whose set-up is in progress ({@link SetupWatch}): they are {@code starting}, judged by no
 * threshold, and their failure streak is left as it is until the set-up ends or overruns its deadline.
 *
 * <p>While a sweep runs it says how far it has come ({@link #inProgress()}, a host at a time as the
 * fan-out's answers come in), and what it found is kept for {@link #lastChecks} once recorded. A
 * sweep of instances that one under way is probing already joins it ({@link SweepsUnderWay}).
 * Thread-safe: the loops' sweeps and people's may run at once.
 */
public final class HealthSweep {
  /** How the sweep's alerts name their source. */
  public static final String SOURCE = "health sweep";
  public static final int DEFAULT_IDLE_GPU_PERCENT = 10;
  private final RemoteShell shell;
  private final AlertSink alerts;
  private final HealthClassifier classifier;
  private final HealthRecorder recorder;
  private final String script;
  private final Duration deadline;
  private final Clock clock;
  private final SetupWatch setups;
  /** Each instance's latest check: what {@code /vast health} shows between sweeps. A cache only. */
  private final Map<Long, HostHealth> latest = new ConcurrentHashMap<>();
  private final SweepsUnderWay underWay = new SweepsUnderWay();

  /**
   * A sweep with the {@link RecordingRules#DEFAULTS} whose set-ups may take {@link
   * SetupWatch#DEFAULT_DEADLINE}.
   */
  public HealthSweep(RemoteShell shell, FleetStore store, AlertSink alerts, HealthClassifier classifier,
      ProbeSettings probe, Duration deadline, Clock clock) {
    this(shell, store, alerts, new HealthProbe(probe, deadline, classifier), clock, RecordingRules.DEFAULTS,
        new SetupWatch(store, clock, SetupWatch.DEFAULT_DEADLINE));
  }

  /**
   * @param store where the checks and their streaks are recorded
   * @param probe what each host is asked, within what deadline, and how its answer is judged
   * @param rules when an instance is idle, and when its failed checks raise the "unhealthy" alert
   * @param setups which instances are in set-up: those are shown as starting, not probed
   */
  public HealthSweep(RemoteShell shell, FleetStore store, AlertSink alerts, HealthProbe probe, Clock clock,
      RecordingRules rules, SetupWatch setups) {
    this.shell = shell;
    this.alerts = alerts;
    this.classifier = probe.classifier();
    this.recorder = new HealthRecorder(store, clock, rules);
    this.script = ProbeScript.build(probe.settings());
    this.deadline = probe.deadline();
    this.clock = clock;
    this.setups = setups;
  }

  /**
   * Probes the running instances among {@code instances}, in their order. When a sweep under way
   * is probing every one of them already, waits for its results instead of probing them again.
   */
  public List<HostHealth> sweep(List<Instance> instances) {
    return sweep(instances, true);
  }

  /** Probes these instances now, even when a sweep under way is probing them (one host, asked for by name). */
  public List<HostHealth> probeNow(List<Instance> instances) {
    return sweep(instances, false);
  }

  private List<HostHealth> sweep(List<Instance> instances, boolean mayJoin) {
    List<Instance> running = instances.stream().filter(HealthSweep::probed).toList();
    if (running.isEmpty()) {
      return List.of();
    }
    SetupWatch.Split split = setups.split(running);
    split.starting().forEach(health -> latest.put(health.instance().id(), health));
    publish(new AlertBatch(SOURCE, clock.instant(), split.events()));
    List<HostHealth> judged = split.judged().isEmpty() ? List.of() : judge(split.judged(), mayJoin);
    return inOrder(running, split.starting(), judged);
  }

  /** The results of {@code running}, in its order, from those starting and those judged. */
  private static List<HostHealth> inOrder(List<Instance> running, List<HostHealth> starting, List<HostHealth> judged) {
    Map<Long, HostHealth> byId = new java.util.HashMap<>();
    starting.forEach(health -> byId.put(health.instance().id(), health));
    judged.forEach(health -> byId.put(health.instance().id(), health));
    return running.stream().map(i -> byId.get(i.id())).filter(java.util.Objects::nonNull).toList();
  }

  /** Probes and records {@code probed} (running, none in set-up), or joins a sweep under way probing them. */
  private List<HostHealth> judge(List<Instance> probed, boolean mayJoin) {
    SweepsUnderWay.Joinable joinable = underWay.startOrJoin(probed.stream().map(Instance::id).toList(),
        clock.instant(), mayJoin);
    if (!joinable.mine()) {
      Map<Long, HostHealth> found = joinable.sweep().results();
      if (probed.stream().allMatch(i -> found.containsKey(i.id()))) {
        return probed.stream().map(i -> new HostHealth(i, found.get(i.id()).assessment(),
            found.get(i.id()).streak(), found.get(i.id()).idleSince())).toList();
      }
      return judge(probed, false); // it failed: probe them now
    }
    List<HostHealth> results = List.of();
    try {
      results = probeAndRecord(probed, joinable.sweep());
      return results;
    } finally {
      joinable.sweep().end(results);
    }
  }

  private List<HostHealth> probeAndRecord(List<Instance> probed, SweepsUnderWay.Sweep sweep) {
    java.time.Instant started = clock.instant();
    List<SshTarget> targets = probed.stream()
        .map(i -> new SshTarget(i.id(), i.sshAddress().orElseThrow())).toList();
    Map<Long, ShellOutcome> outcomes = shell.runOnAll(targets, script, deadline, id -> sweep.checked());
    List<HealthRecorder.Checked> checks = new ArrayList<>();
    for (Instance instance : probed) {
      ShellOutcome outcome = outcomes.get(instance.id());
      checks.add(new HealthRecorder.Checked(instance, outcome, classify(outcome)));
    }
    HealthRecorder.Recorded recorded = recorder.record(checks);
    List<HostHealth> results = recorded.results();
    List<AlertEvent> events = new ArrayList<>(recorded.events());
    events.addAll(setups.healthyAfterOverdue(results));
    results.forEach(health -> latest.put(health.instance().id(), health));
    publish(new AlertBatch(SOURCE, started, events));
    return results;
  }

  /** Hands the sweep's alerts to the sink at once; a sink that fails costs no host its check. */
  private void publish(AlertBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      alerts.publish(batch);
    } catch (RuntimeException failed) {
      org.slf4j.LoggerFactory.getLogger(HealthSweep.class).warn(
          "the health sweep's alerts were not delivered: " + failed.getClass().getSimpleName());
    }
  }

  /**
   * The sweep under way that began first, if any: how many of its hosts have come back. Never
   * waits: what {@code /vast health} tells while a sweep runs.
   */
  public Optional<SweepProgress> inProgress() {
    return underWay.first();
  }

  /** Whether a sweep under way is probing every one of these instances. */
  public boolean underWayFor(java.util.Collection<Long> instanceIds) {
    return underWay.cover(instanceIds);
  }

  /**
   * The latest check of each of {@code instances} that runs, from the sweeps so far; empty when
   * one of them has not been checked yet (a new instance), so the caller sweeps instead.
   */
  public Optional<List<HostHealth>> lastChecks(List<Instance> instances) {
    List<HostHealth> checks = checkedSoFar(instances);
    return checks.size() == instances.stream().filter(HealthSweep::probed).count()
        ? Optional.of(checks) : Optional.empty();
  }

  /**
   * The latest check of each of {@code instances} that runs and has been checked, in their order;
   * one in set-up now is starting (from the store, whatever the last sweep found), and one the last
   * sweep found starting whose set-up has ended since counts as not checked.
   */
  public List<HostHealth> checkedSoFar(List<Instance> instances) {
    Map<Long, dev.vastbot.fleet.OpenSetup> starting = setups.starting();
    List<HostHealth> checks = new ArrayList<>();
    for (Instance instance : instances) {
      if (!probed(instance)) {
        continue;
      }
      HostHealth last = latest.get(instance.id());
      if (starting.containsKey(instance.id())) {
        checks.add(setups.startingHealth(instance, starting.get(instance.id())));
      } else if (last != null && last.assessment().level() != HealthLevel.STARTING) {
        checks.add(new HostHealth(instance, last.assessment(), last.streak()));
      }
    }
    return checks;
  }

  /** Whether a sweep probes this instance: it runs and has an SSH address. */
  public static boolean probed(Instance instance) {
    return instance.state() == InstanceState.RUNNING && instance.sshAddress().isPresent();
  }

  /** The host's answer, classified; whatever is wrong with it is that host's result alone. */
  private HealthAssessment classify(ShellOutcome outcome) {
    try {
      return classifier.classify(outcome);
    } catch (Throwable unreadable) {
      return new HealthAssessment(HealthLevel.UNHEALTHY,
          List.of("probe answer unreadable (" + unreadable.getClass().getSimpleName() + ")"), Optional.empty());
    }
  }
}
