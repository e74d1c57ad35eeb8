package dev.vastbot.fleet.autoscale;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The autoscaler policy for people ({@code autoscaler --policy}, {@code /vast policy}): one line
 * per group with the window in force now, its limits and cooldowns, then the budgets. Pure.
 */
public final class PolicyView {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private PolicyView() {}

  /** Every group at {@code now}, then the all-groups budget. */
  public static List<String> describe(AutoscalerPolicy policy, Instant now) {
    return describe(policy, Map.of(), now);
  }

  /**
   * What was seen of one group for the view: its observation (empty when it could not be observed),
   * whether its demand signal was read, and the demand readings the store keeps for it (the trend
   * the tick sizes a growing queue by).
   */
  public record Seen(Optional<GroupObservation> observation, boolean demandKnown, List<DemandReading> readings) {
    public Seen {
      java.util.Objects.requireNonNull(observation, "observation == null");
      readings = List.copyOf(readings);
    }

    /** Without readings: the queue as it is now, no trend. */
    public Seen(Optional<GroupObservation> observation, boolean demandKnown) {
      this(observation, demandKnown, List.of());
    }

    /** A group observed with its demand read. */
    public static Seen of(GroupObservation observation) {
      return new Seen(Optional.of(observation), true);
    }
  }

  /**
   * Every group at {@code now}; a group with an observation also gets what it would do now.
   *
   * @param observed by group name, each with its demand read; groups without one show only their policy
   */
  public static List<String> describe(
      AutoscalerPolicy policy, Map<String, GroupObservation> observed, Instant now) {
    var seen = new java.util.LinkedHashMap<String, Seen>();
    observed.forEach((name, observation) -> seen.put(name, Seen.of(observation)));
    return describeSeen(policy, seen, now);
  }

  /**
   * Every group at {@code now}; a group that was looked at also gets the decision {@code
   * autoscaler --check} would make now: the same decider, then the same {@link DemandGuard}; a
   * group that could not be observed holds, as the tick does.
   *
   * @param seen by group name; groups not in it show only their policy
   */
  public static List<String> describeSeen(AutoscalerPolicy policy, Map<String, Seen> seen, Instant now) {
    var lines = new ArrayList<String>();
    for (var group : policy.groups()) {
      lines.add(groupLine(policy, group, now));
      lines.add("  budget " + budgetLine(group.budget()));
      var looked = seen.get(group.name());
      if (looked != null) {
        lines.add("  now: " + decisionNow(policy, group.name(), looked, now).summary());
      }
    }
    lines.add(
        "all groups: budget "
            + budgetLine(policy.totalBudget())
            + ", decided every "
            + GroupDecision.minutes(policy.tickInterval()));
    return List.copyOf(lines);
  }

  private static ScalingDecision decisionNow(AutoscalerPolicy policy, String group, Seen seen, Instant now) {
    return seen.observation()
        .map(observation -> DemandGuard.apply(seen.demandKnown(),
            ScalingDecider.decide(policy, observation, now, trend(policy, seen, observation, now))))
        .orElseGet(() -> ScalingDecision.hold(group, List.of("the group could not be observed")));
  }

  /** The trend the tick would see: the kept readings and the one taken now, as a tick keeps it. */
  private static DemandTrend trend(AutoscalerPolicy policy, Seen seen, GroupObservation observation, Instant now) {
    var readings = new ArrayList<>(seen.readings());
    if (seen.demandKnown()) {
      readings.add(new DemandReading(now, observation.queuedGames()));
    }
    return DemandTrend.of(readings, now, policy.reaction().bootEstimate());
  }

  private static String groupLine(AutoscalerPolicy policy, GroupPolicy group, Instant now) {
    var limits = group.limitsAt(now.atZone(policy.zone()));
    var pacing = group.pacing();
    return String.format(
        Locale.ROOT,
        "%s: window %s, %d..%d instances, max $%.2f/h, cooldowns %d/%d min",
        group.name(),
        windowText(policy, group, limits),
        group.minInstances(),
        limits.maxInstances(),
        limits.maxPrice(),
        pacing.scaleUpCooldown().toMinutes(),
        pacing.scaleDownCooldown().toMinutes());
  }

  private static String windowText(
      AutoscalerPolicy policy, GroupPolicy group, ActiveLimits limits) {
    for (var window : group.windows()) {
      if (window.name().equals(limits.window())) {
        return window.name()
            + " ("
            + CLOCK.format(window.start())
            + "–"
            + CLOCK.format(window.end())
            + " "
            + policy.zone().getId()
            + ")";
      }
    }
    return limits.window() + " (" + policy.zone().getId() + ")";
  }

  private static String budgetLine(Budget budget) {
    return String.format(
        Locale.ROOT,
        "%.2f $/hour, %.2f $/day, %.2f $/month",
        budget.hourlyUsd(),
        budget.dailyUsd(),
        budget.monthlyUsd());
  }
}
