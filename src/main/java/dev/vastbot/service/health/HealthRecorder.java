package dev.vastbot.service.health;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.HealthCheckRecord;
import dev.vastbot.fleet.HealthStreak;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.RecordedHealthCheck;
import dev.vastbot.fleet.alert.AlertEvent;
import dev.vastbot.fleet.health.HealthAssessment;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.health.ProbeReport;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.remote.ShellOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
/**
 * Records a sweep's checks in the store, {@value #CHUNK} hosts a transaction ({@link
 * FleetStore#recordHealthChecks}), and lists the alert events their streaks call for (the sweep
 * hands them to the sink together). A sweep of a
 * thousand hosts takes the store's write lock ten times instead of some four thousand, so other
 * writers (a command's audit entry) get in between, and the sweep's writes cost ten commits.
 *
 * <p>One host's failure never costs another its check: when a chunk cannot be recorded, its hosts
 * are recorded one by one, and a host whose own record fails keeps its assessment, with the reason
 * "not recorded: ...". Not thread-safe on its own; {@link HealthSweep} calls it from the thread
 * that sweeps.
 */
final class HealthRecorder {
  static final int CHUNK = 100;
  private final FleetStore store;
  private final Clock clock;
  private final RecordingRules rules;

  /** One host's answer, classified, to record. */
  record Checked(Instance instance, ShellOutcome outcome, HealthAssessment assessment) {}

  /** What a recording found: each host's health, in the order given, and the alert events its streaks call for. */
  record Recorded(List<HostHealth> results, List<AlertEvent> events) {
    Recorded {
      results = List.copyOf(results);
      events = List.copyOf(events);
    }

    private static Recorded of(List<Noted> noted) {
      return new Recorded(noted.stream().map(Noted::health).toList(),
          noted.stream().flatMap(n -> n.events().stream()).toList());
    }
  }

  /** One host's recorded health and the alert events it calls for. */
  private record Noted(HostHealth health, List<AlertEvent> events) {}

  HealthRecorder(FleetStore store, Clock clock, RecordingRules rules) {
    this.store = store;
    this.clock = clock;
    this.rules = rules;
  }

  /** Records every check (in chunks): the results in the order given, and the alert events the streaks call for. */
  Recorded record(List<Checked> checks) {
    List<Noted> noted = new ArrayList<>();
    for (int from = 0; from < checks.size(); from += CHUNK) {
      noted.addAll(recordChunk(checks.subList(from, Math.min(checks.size(), from + CHUNK))));
    }
    return Recorded.of(noted);
  }

  private List<Noted> recordChunk(List<Checked> chunk) {
    Instant at = clock.instant();
    List<RecordedHealthCheck> recorded;
    try {
      recorded = store.recordHealthChecks(chunk.stream().map(this::toRecord).toList(), at);
    } catch (RuntimeException chunkFailed) {
      return chunk.stream().map(checked -> recordAlone(checked, at)).toList();
    }
    List<Noted> noted = new ArrayList<>();
    for (int i = 0; i < chunk.size(); i++) {
      noted.add(afterRecording(chunk.get(i), recorded.get(i)));
    }
    return noted;
  }

  private Noted recordAlone(Checked checked, Instant at) {
    try {
      return afterRecording(checked, store.recordHealthChecks(List.of(toRecord(checked)), at).get(0));
    } catch (RuntimeException storeFailure) {
      return new Noted(new HostHealth(checked.instance(), checked.assessment().withReason("not recorded: "
          + storeFailure.getClass().getSimpleName()), new HealthStreak(checked.instance().id(), 0,
          checked.assessment().level().display(), at), Optional.empty()), List.of());
    }
  }

  /** The alerts a recorded check calls for; a failure to note one is that host's note, nothing more. */
  private Noted afterRecording(Checked checked, RecordedHealthCheck recorded) {
    HealthAssessment assessment = checked.assessment();
    List<AlertEvent> events = new ArrayList<>();
    try {
      alertOnStreak(checked.instance(), assessment, recorded.streak(), recorded.failuresBefore())
          .ifPresent(events::add);
      if (checked.outcome().failure() == ShellOutcome.Failure.HOST_KEY_CHANGED) {
        events.add(changedHostKeyAlert(checked.instance(), checked.outcome()));
        auditRefusedHostKey(checked.instance(), checked.outcome());
      }
    } catch (RuntimeException alertFailure) {
      assessment = assessment.withReason("alert not raised: " + alertFailure.getClass().getSimpleName());
    }
    return new Noted(new HostHealth(checked.instance(), assessment, recorded.streak(), recorded.idleSince()), events);
  }

  private HealthCheckRecord toRecord(Checked checked) {
    HealthAssessment assessment = checked.assessment();
    Integer games = assessment.report().map(ProbeReport::gamesLastHour).filter(g -> g >= 0).orElse(null);
    return new HealthCheckRecord(checked.instance().id(), assessment.healthy(), assessment.level().display(),
        idle(assessment), games);
  }

  /**
   * An instance that failed {@code unhealthyAlertAfter} checks in a row raises an alert (once, as
   * the streak reaches it), goes on while it keeps failing (the sink decides how often people hear
   * of it again), and clears at its next healthy check. The streak before this check comes from
   * the store, so a recovery after a restart of the bot still clears the alert.
   */
  private Optional<AlertEvent> alertOnStreak(Instance instance, HealthAssessment assessment, HealthStreak streak,
      int before) {
    String incident = "unhealthy:" + instance.id();
    String status = assessment.level().display();
    int alertAfter = rules.unhealthyAlertAfter();
    if (streak.consecutiveFailures() == alertAfter) {
      return Optional.of(new AlertEvent.Raised(new Alert(Alert.Severity.WARNING, incident, instance.nodeName()
          + " failed " + streak.consecutiveFailures() + " health checks in a row: " + assessment.summary()),
          instance.nodeName(), status));
    }
    if (streak.consecutiveFailures() > alertAfter) {
      return Optional.of(new AlertEvent.Continued(new Alert(Alert.Severity.INFO, incident, instance.nodeName()
          + " still " + assessment.summary() + " (" + streak.consecutiveFailures() + " checks in a row)"),
          instance.nodeName()));
    }
    if (streak.consecutiveFailures() == 0 && before >= alertAfter) {
      return Optional.of(new AlertEvent.Cleared(incident, instance.nodeName(), instance.nodeName()
          + " is healthy again"));
    }
    return Optional.empty();
  }

  /** Idle: the probe read every GPU's utilisation and the mean is under the idle threshold. */
  private boolean idle(HealthAssessment assessment) {
    return assessment.report().map(ProbeReport::meanGpuUtilization)
        .map(mean -> mean < rules.idleGpuPercent()).orElse(false);
  }

  /** The critical alert a changed host key raises. */
  private static AlertEvent changedHostKeyAlert(Instance instance, ShellOutcome outcome) {
    String text = instance.nodeName() + ": SSH host key changed; vastbot refuses to connect. "
        + outcome.message() + " If the host was rebuilt, forget the pin with /vast forget-host-key "
        + instance.id() + ".";
    return new AlertEvent.Raised(new Alert(Alert.Severity.CRITICAL, "host-key:" + instance.id(), text),
        instance.nodeName(), "with a changed host key");
  }

  private void auditRefusedHostKey(Instance instance, ShellOutcome outcome) {
    store.appendAudit(new AuditEntry(clock.instant(), "loop:health", "host-key-refused",
        instance.nodeName(), outcome.message()));
  }
}
