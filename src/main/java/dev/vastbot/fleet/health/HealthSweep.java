package dev.vastbot.fleet.health;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.AlertSink;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.FleetStore;
import dev.vastbot.fleet.HealthStreak;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.alert.AlertBatch;
import dev.vastbot.fleet.alert.AlertEvent;
import dev.vastbot.fleet.remote.RemoteShell;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Probes every running instance in one parallel SSH round trip each, classifies the answers, and
 * counts consecutive failures in the store. A changed host key raises an alert; the sweep's alerts
 * go to the sink together, as one {@link AlertBatch}. Instances that are
 * not running are not probed (their state says enough).
 */
public final class HealthSweep {
  /** How the sweep's alerts name their source. */
  public static final String SOURCE = "health sweep";
  public static final int DEFAULT_IDLE_GPU_PERCENT = 10;
  private final RemoteShell shell;
  private final FleetStore store;
  private final AlertSink alerts;
  private final HealthClassifier classifier;
  private final String script;
  private final Duration deadline;
  private final Clock clock;
  private final double idleGpuPercent;
  private final int unhealthyAlertAfter;
  /** Each instance's latest check: what {@code /vast health} shows between sweeps. A cache only. */
  private final Map<Long, HostHealth> latest = new java.util.concurrent.ConcurrentHashMap<>();

  /** A sweep whose idle threshold is {@value #DEFAULT_IDLE_GPU_PERCENT} % mean GPU utilisation. */
  public HealthSweep(RemoteShell shell, FleetStore store, AlertSink alerts, HealthClassifier classifier,
      ProbeSettings probe, Duration deadline, Clock clock) {
    this(shell, store, alerts, classifier, probe, deadline, clock, DEFAULT_IDLE_GPU_PERCENT, 3);
  }

  /**
   * @param idleGpuPercent under this mean GPU utilisation an instance counts as idle
   * @param unhealthyAlertAfter failed checks in a row that raise the "unhealthy" alert
   */
  public HealthSweep(RemoteShell shell, FleetStore store, AlertSink alerts, HealthClassifier classifier,
      ProbeSettings probe, Duration deadline, Clock clock, double idleGpuPercent, int unhealthyAlertAfter) {
    this.shell = shell;
    this.store = store;
    this.alerts = alerts;
    this.classifier = classifier;
    this.script = ProbeScript.build(probe);
    this.deadline = deadline;
    this.clock = clock;
    this.idleGpuPercent = idleGpuPercent;
    this.unhealthyAlertAfter = unhealthyAlertAfter;
  }

  /** Probes the running instances among {@code instances}, in their order. */
  public List<HostHealth> sweep(List<Instance> instances) {
    List<Instance> probed = instances.stream()
        .filter(i -> i.state() == InstanceState.RUNNING && i.sshAddress().isPresent())
        .toList();
    List<SshTarget> targets = probed.stream()
        .map(i -> new SshTarget(i.id(), i.sshAddress().orElseThrow())).toList();
    java.time.Instant started = clock.instant();
    Map<Long, ShellOutcome> outcomes = shell.runOnAll(targets, script, deadline);
    List<HostHealth> results = new ArrayList<>();
    List<AlertEvent> events = new ArrayList<>();
    for (Instance instance : probed) {
      HostHealth health = check(instance, outcomes.get(instance.id()), events);
      latest.put(instance.id(), health);
      results.add(health);
    }
    publish(new AlertBatch(SOURCE, started, events));
    return results;
  }

  /**
   * The latest check of each of {@code instances} that runs, from the sweeps so far; empty when
   * one of them has not been checked yet (a new instance), so the caller sweeps instead.
   */
  public Optional<List<HostHealth>> lastChecks(List<Instance> instances) {
    List<HostHealth> checks = new ArrayList<>();
    for (Instance instance : instances) {
      if (instance.state() != InstanceState.RUNNING || instance.sshAddress().isEmpty()) {
        continue;
      }
      HostHealth last = latest.get(instance.id());
      if (last == null) {
        return Optional.empty();
      }
      checks.add(new HostHealth(instance, last.assessment(), last.streak()));
    }
    return Optional.of(checks);
  }

  /**
   * Classifies and records one host. Whatever goes wrong with one host's answer is that host's
   * result: it never costs the hosts after it their check.
   */
  private HostHealth check(Instance instance, ShellOutcome outcome, List<AlertEvent> events) {
    HealthAssessment assessment;
    try {
      assessment = classifier.classify(outcome);
    } catch (Throwable unreadable) {
      assessment = new HealthAssessment(HealthLevel.UNHEALTHY,
          List.of("probe answer unreadable (" + unreadable.getClass().getSimpleName() + ")"),
          java.util.Optional.empty());
    }
    HealthStreak streak;
    Optional<java.time.Instant> idleSince = Optional.empty();
    try {
      int before = store.healthStreak(instance.id()).map(HealthStreak::consecutiveFailures).orElse(0);
      streak = store.recordHealthCheck(instance.id(), assessment.healthy(),
          assessment.level().display(), clock.instant());
      idleSince = store.recordGpuIdle(instance.id(), idle(assessment), clock.instant());
      Integer games = assessment.report().map(ProbeReport::gamesLastHour).orElse(null);
      if (games != null && games >= 0) {
        store.recordGamesLastHour(instance.id(), games, clock.instant());
      }
      alertOnStreak(instance, assessment, streak, before, events);
      if (outcome.failure() == ShellOutcome.Failure.HOST_KEY_CHANGED) {
        reportChangedHostKey(instance, outcome, events);
      }
    } catch (RuntimeException storeFailure) {
      streak = new HealthStreak(instance.id(), 0, assessment.level().display(), clock.instant());
      assessment = assessment.withReason("not recorded: " + storeFailure.getClass().getSimpleName());
    }
    return new HostHealth(instance, assessment, streak, idleSince);
  }

  /**
   * An instance that failed {@code unhealthyAlertAfter} checks in a row raises an alert (once, as
   * the streak reaches it), goes on while it keeps failing (the sink decides how often people hear
   * of it again), and clears at its next healthy check. The streak before this check comes from
   * the store, so a recovery after a restart of the bot still clears the alert.
   */
  private void alertOnStreak(Instance instance, HealthAssessment assessment, HealthStreak streak, int before,
      List<AlertEvent> events) {
    String incident = "unhealthy:" + instance.id();
    String status = assessment.level().display();
    if (streak.consecutiveFailures() == unhealthyAlertAfter) {
      events.add(new AlertEvent.Raised(new Alert(Alert.Severity.WARNING, incident, instance.nodeName() + " failed "
          + streak.consecutiveFailures() + " health checks in a row: " + assessment.summary()), instance.nodeName(),
          status));
    } else if (streak.consecutiveFailures() > unhealthyAlertAfter) {
      events.add(new AlertEvent.Continued(new Alert(Alert.Severity.INFO, incident, instance.nodeName() + " still "
          + assessment.summary() + " (" + streak.consecutiveFailures() + " checks in a row)"), instance.nodeName()));
    } else if (streak.consecutiveFailures() == 0 && before >= unhealthyAlertAfter) {
      events.add(new AlertEvent.Cleared(incident, instance.nodeName(), instance.nodeName() + " is healthy again"));
    }
  }

  /** Hands the sweep's alerts to the sink at once; a sink that fails costs no host its check. */
  private void publish(AlertBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      alerts.publish(batch);
    } catch (RuntimeException failed) {
      System.getLogger(HealthSweep.class.getName()).log(System.Logger.Level.WARNING,
          "the health sweep's alerts were not delivered: " + failed.getClass().getSimpleName());
    }
  }

  /** Idle: the probe read every GPU's utilisation and the mean is under the idle threshold. */
  private boolean idle(HealthAssessment assessment) {
    return assessment.report().map(ProbeReport::meanGpuUtilization)
        .map(mean -> mean < idleGpuPercent).orElse(false);
  }

  private void reportChangedHostKey(Instance instance, ShellOutcome outcome, List<AlertEvent> events) {
    String text = instance.nodeName() + ": SSH host key changed; vastbot refuses to connect. "
        + outcome.message() + " If the host was rebuilt, forget the pin with /vast forget-host-key "
        + instance.id() + ".";
    events.add(new AlertEvent.Raised(new Alert(Alert.Severity.CRITICAL, "host-key:" + instance.id(), text),
        instance.nodeName(), "with a changed host key"));
    store.appendAudit(new AuditEntry(clock.instant(), "loop:health", "host-key-refused",
        instance.nodeName(), outcome.message()));
  }
}
