package dev.vastbot.service.health;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.HealthStreak;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.fleet.alert.AlertEvent;
import dev.vastbot.fleet.health.HealthAssessment;
import dev.vastbot.fleet.health.HealthLevel;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.health.SetupStage;
import dev.vastbot.fleet.port.HealthStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
/**
 * Which instances are in set-up, read from the store ({@link HealthStore#openSetups}), so that every
 * process agrees: an instance whose set-up is in progress and within {@link #deadline()} is
 * {@code starting} ({@link SetupStage}); one past it is reported once ("set-up did not finish
 * within 15 min": the sweep that finds it ends the set-up in the store, and only the one whose end
 * took effect raises the alert), then judged. Thread-safe. A store that cannot be read costs no
 * check: every instance is then judged.
 */
public final class SetupWatch {
  /** How long a set-up may take by default ({@code health.setup_deadline_minutes}). */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(15);
  static final String OVERDUE = OpenSetup.OVERDUE;
  private final HealthStore store;
  private final Clock clock;
  private final Duration deadline;

  /** What a sweep does with the instances it would probe, in their order. */
  record Split(List<HostHealth> starting, List<Instance> judged, List<AlertEvent> events) {}

  public SetupWatch(HealthStore store, Clock clock, Duration deadline) {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("set-up deadline must be positive: " + deadline);
    }
    this.store = store;
    this.clock = clock;
    this.deadline = deadline;
  }

  public Duration deadline() {
    return deadline;
  }

  /** The set-ups in progress and within their deadline now, by instance id. */
  public Map<Long, OpenSetup> starting() {
    Instant now = clock.instant();
    Map<Long, OpenSetup> starting = new LinkedHashMap<>();
    readOpen().forEach((id, setup) -> {
      if (SetupStage.of(Optional.of(setup), now, deadline) == SetupStage.STARTING) {
        starting.put(id, setup);
      }
    });
    return starting;
  }

  /** Splits {@code probed} into those starting (not to probe) and those to judge; ends and reports the overdue. */
  Split split(List<Instance> probed) {
    Map<Long, OpenSetup> open = readOpen();
    Instant now = clock.instant();
    List<HostHealth> starting = new ArrayList<>();
    List<Instance> judged = new ArrayList<>();
    List<AlertEvent> events = new ArrayList<>();
    for (Instance instance : probed) {
      Optional<OpenSetup> setup = Optional.ofNullable(open.get(instance.id()));
      switch (SetupStage.of(setup, now, deadline)) {
        case STARTING -> starting.add(startingHealth(instance, setup.get()));
        case OVERDUE -> {
          reportOverdue(instance, setup.get(), now).ifPresent(events::add);
          judged.add(instance);
        }
        case JUDGED -> judged.add(instance);
      }
    }
    return new Split(starting, judged, events);
  }

  /** The instance as starting: no probe, no threshold, its streak as the store has it. */
  HostHealth startingHealth(Instance instance, OpenSetup setup) {
    Instant now = clock.instant();
    int failures = 0;
    try {
      failures = store.healthStreak(instance.id()).map(HealthStreak::consecutiveFailures).orElse(0);
    } catch (RuntimeException unread) {
      // the count is for people only; the set-up itself was read
    }
    long minutes = Duration.between(setup.startedAt(), now).toMinutes();
    String reason = setup.kind() + " set-up in progress (" + (minutes < 1 ? "under a minute" : minutes + " min")
        + " of " + deadline.toMinutes() + "): not judged yet";
    return new HostHealth(instance, new HealthAssessment(HealthLevel.STARTING, List.of(reason), Optional.empty()),
        new HealthStreak(instance.id(), failures, HealthLevel.STARTING.display(), now));
  }

  private Optional<AlertEvent> reportOverdue(Instance instance, OpenSetup setup, Instant now) {
    try {
      if (!store.endSetup(setup, OVERDUE, now)) {
        return Optional.empty(); // another sweep ended it (and reported it)
      }
    } catch (RuntimeException notEnded) {
      return Optional.empty(); // the next sweep tries again
    }
    String text = instance.nodeName() + ": set-up did not finish within " + deadline.toMinutes()
        + " min; its health is judged from now on";
    return Optional.of(new AlertEvent.Raised(new Alert(Alert.Severity.WARNING, "setup:" + instance.id(), text),
        instance.nodeName(), "set-up overdue"));
  }

  /**
   * Clears the overrun alert of each instance in {@code judged} that is healthy now and whose
   * set-up overran: once (the store marks it, so no other sweep or process clears it again).
   */
  List<AlertEvent> healthyAfterOverdue(List<HostHealth> judged) {
    List<HostHealth> healthy = judged.stream().filter(health -> health.assessment().healthy()).toList();
    if (healthy.isEmpty()) {
      return List.of();
    }
    List<AlertEvent> events = new ArrayList<>();
    try {
      java.util.Set<Long> overdue = store.overdueSetups();
      for (HostHealth health : healthy) {
        Instance instance = health.instance();
        if (overdue.contains(instance.id()) && store.clearOverdueSetup(instance.id())) {
          events.add(new AlertEvent.Cleared("setup:" + instance.id(), instance.nodeName(),
              instance.nodeName() + " is healthy now; its set-up had overrun"));
        }
      }
    } catch (RuntimeException unread) {
      // the store could not be read or written: the next sweep tries again
    }
    return events;
  }

  private Map<Long, OpenSetup> readOpen() {
    Map<Long, OpenSetup> open = new LinkedHashMap<>();
    try {
      store.openSetups().forEach(setup -> open.put(setup.instanceId(), setup));
    } catch (RuntimeException unread) {
      org.slf4j.LoggerFactory.getLogger(SetupWatch.class).warn(
          "could not read the set-ups in progress (" + unread.getClass().getSimpleName() + "): judging every instance");
    }
    return open;
  }
}
