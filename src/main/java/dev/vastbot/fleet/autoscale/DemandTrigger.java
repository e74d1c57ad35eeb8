package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a group's decision should run at once, between its full ticks, from a cheap read of its
 * demand: when the backlog (games queued over the games per hour of its serving instances, booting
 * ones included) crosses the scale-up threshold since the previous reading, or when the queue grows
 * so fast that the backlog projected over the boot time ({@link DemandTrend}) passes it. It never
 * fires while the scale-up cooldown runs or the group is at the maximum of its window: the decision
 * would hold anyway. Pure; the decision it triggers keeps every cap, cooldown and budget.
 */
public final class DemandTrigger {
  private final AutoscalerPolicy policy;

  public DemandTrigger(AutoscalerPolicy policy) {
    this.policy = requireNonNull(policy, "policy == null");
  }

  /**
   * Why {@code observed}'s group should be decided now, or empty when it need not be.
   *
   * @param observed the group now; its offers are not used (a poll searches none)
   * @param readings its demand readings, any order; the latest is the one {@code observed} holds
   * @throws IllegalArgumentException when the policy has no group of that name
   */
  public Optional<String> check(GroupObservation observed, List<DemandReading> readings, Instant now) {
    GroupPolicy group = policy.group(observed.group())
        .orElseThrow(() -> new IllegalArgumentException("no group " + observed.group()));
    int serving = observed.serving().size();
    if (serving >= group.limitsAt(now.atZone(policy.zone())).maxInstances()) {
      return Optional.empty();
    }
    if (observed.lastScaleUp().filter(at -> now.isBefore(at.plus(group.pacing().scaleUpCooldown()))).isPresent()) {
      return Optional.empty();
    }
    double capacity = observed.serving().stream()
        .mapToDouble(instance -> instance.expectedGamesPerHour(group.throughput())).sum();
    double threshold = group.hysteresis().scaleUpHours();
    double queued = observed.queuedGames();
    boolean aboveNow = backlog(queued, capacity) > threshold;
    Optional<DemandReading> previous = previous(readings, now);
    if (aboveNow && previous.map(reading -> backlog(reading.queuedGames(), capacity) <= threshold).orElse(true)) {
      return Optional.of(String.format(Locale.ROOT, "backlog %s crossed the %.2f h scale-up threshold",
          hours(backlog(queued, capacity)), threshold));
    }
    DemandTrend trend = DemandTrend.of(readings, now, policy.reaction().bootEstimate());
    double projected = backlog(trend.projectedQueue(queued), capacity);
    if (trend.growing() && projected > threshold) {
      return Optional.of(String.format(Locale.ROOT, "queue growing %.0f games/h: backlog %s within the %d min boot,"
          + " above the %.2f h scale-up threshold", trend.growthPerHour(), hours(projected),
          trend.boot().toMinutes(), threshold));
    }
    return Optional.empty();
  }

  /** The latest reading taken before {@code now} (the one taken now, if kept, is the current one). */
  private static Optional<DemandReading> previous(List<DemandReading> readings, Instant now) {
    return readings.stream().filter(reading -> reading.at().isBefore(now))
        .max(Comparator.comparing(DemandReading::at));
  }

  private static double backlog(double queued, double capacity) {
    if (capacity > 0) {
      return queued / capacity;
    }
    return queued > 0 ? Double.POSITIVE_INFINITY : 0;
  }

  private static String hours(double hours) {
    return Double.isInfinite(hours) ? "unbounded (no throughput)" : String.format(Locale.ROOT, "%.2f h", hours);
  }
}
