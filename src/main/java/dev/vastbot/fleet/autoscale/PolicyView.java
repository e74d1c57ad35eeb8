package dev.vastbot.fleet.autoscale;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
   * Every group at {@code now}; a group with an observation also gets what it would do now.
   *
   * @param observed by group name; groups without one show only their policy
   */
  public static List<String> describe(
      AutoscalerPolicy policy, Map<String, GroupObservation> observed, Instant now) {
    var lines = new ArrayList<String>();
    for (var group : policy.groups()) {
      lines.add(groupLine(policy, group, now));
      lines.add("  budget " + budgetLine(group.budget()));
      var observation = observed.get(group.name());
      if (observation != null) {
        lines.add("  now: " + ScalingDecider.decide(policy, observation, now).summary());
      }
    }
    lines.add(
        "all groups: budget "
            + budgetLine(policy.totalBudget())
            + ", decided every "
            + GroupDecision.minutes(policy.tickInterval()));
    return List.copyOf(lines);
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
