package dev.vastbot.app.simulate;

import dev.vastbot.fleet.autoscale.GroupPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table {@code autoscaler simulate} prints, with its header, the three targets and notes. */
public final class SimulationReport {
  static final double COST_TARGET = 1.25;
  private static final String ROW = "%-12s %10s %11s %15s %-22s %11s %8s";

  private SimulationReport() {}

  public static List<String> lines(SimulationResult result) {
    var setup = result.setup();
    var lines = new ArrayList<String>();
    header(setup, result, lines);
    lines.add("");
    lines.add(
        String.format(
            Locale.ROOT,
            ROW,
            "policy",
            "cost $",
            "instance-h",
            "queue>target h",
            "budget violations",
            "games left",
            "× lower"));
    for (var outcome : List.of(result.vastbot(), result.oldRules(), result.lowerBound())) {
      lines.add(row(outcome, result.ratio(outcome)));
    }
    lines.add("");
    targets(result, lines);
    notes(result, lines);
    return List.copyOf(lines);
  }

  private static void header(SimulationSetup setup, SimulationResult result, List<String> lines) {
    var trace = setup.trace();
    var group = setup.group();
    var caps = setup.caps();
    lines.add(
        String.format(
            Locale.ROOT,
            "Policy simulation of %s (%d rows, %.0f games)",
            trace.source(),
            trace.rows().size(),
            trace.totalGames()));
    lines.add(
        String.format(
            Locale.ROOT,
            "group %s (%d..%d instances, %s, at most %.2f $/h), %s to %s (%.1f days), tick %d min,"
                + " zone %s, seed %d",
            group.name(),
            group.minInstances(),
            group.maxInstances(),
            gpuTypes(group),
            group.offers().maxPrice(),
            trace.start(),
            trace.end(),
            trace.minutes() / 1440.0,
            setup.policy().tickInterval().toMinutes(),
            setup.policy().zone().getId(),
            setup.seed()));
    lines.add(
        String.format(
            Locale.ROOT,
            "market: %d of the sim's seeded offer catalogues (%d machines), GPU prices walk about"
                + " ±%.0f %%/h; boot %d min (storage billed, GPU not)",
            setup.market().catalogues(),
            setup.market().all().size(),
            PriceWalk.HOURLY_SIGMA * 100,
            setup.boot().toMinutes()));
    lines.add(
        String.format(
            Locale.ROOT,
            "target: backlog (queue / running games per hour) at most %.2f h (%s)",
            setup.targetBacklogHours(),
            setup.targetBacklogHours() == setup.group().hysteresis().scaleUpHours()
                ? "the group's scale_up_backlog_hours"
                : "--target-hours; the group scales up above "
                    + setup.group().hysteresis().scaleUpHours()
                    + " h"));
    lines.add(
        String.format(
            Locale.ROOT,
            "caps (group and all groups, the tighter): %.2f $/hour, %.2f $/day, %.2f $/month",
            caps.hourlyUsd(),
            caps.dailyUsd(),
            caps.monthlyUsd()));
  }

  private static String gpuTypes(GroupPolicy group) {
    var types = group.offers().gpuTypes();
    return types.isEmpty() ? "any GPU" : String.join(", ", types);
  }

  private static String row(PolicyOutcome outcome, double ratio) {
    return String.format(
        Locale.ROOT,
        ROW,
        outcome.name(),
        String.format(Locale.ROOT, "%.2f", outcome.costUsd()),
        String.format(Locale.ROOT, "%.1f", outcome.instanceHours()),
        String.format(Locale.ROOT, "%.1f", outcome.aboveTargetHours()),
        outcome.violations().map(BudgetViolations::text).orElse("-"),
        String.format(Locale.ROOT, "%.0f", outcome.gamesLeft()),
        String.format(Locale.ROOT, "%.2f", ratio));
  }

  private static void targets(SimulationResult result, List<String> lines) {
    var vastbot = result.vastbot();
    var old = result.oldRules();
    var ratio = result.ratio(vastbot);
    lines.add(
        String.format(
            Locale.ROOT,
            "vastbot cost ≤ %.2f× lower bound: %s (%.2f×)",
            COST_TARGET,
            yesNo(ratio <= COST_TARGET),
            ratio));
    lines.add(
        String.format(
            Locale.ROOT,
            "vastbot queue-above-target hours ≤ old rules': %s (%.2f vs %.2f)",
            yesNo(vastbot.aboveTargetHours() <= old.aboveTargetHours()),
            vastbot.aboveTargetHours(),
            old.aboveTargetHours()));
    var violations = vastbot.violations().map(BudgetViolations::total).orElse(0);
    lines.add("vastbot budget violations = 0: " + yesNo(violations == 0));
    lines.add(
        "NEEDS_APPROVAL decisions: "
            + vastbot.approvalsAsked()
            + " (counted as not scaled: nobody approves in a simulation)");
  }

  private static void notes(SimulationResult result, List<String> lines) {
    var setup = result.setup();
    var best = result.best();
    lines.add("");
    lines.add("Notes:");
    lines.add(
        "- old rules: vast_autoscaler.py's should_scale_up/execute_scale_up (cooldown 15 min,"
            + " max_hourly_spend 10.00, at most 2 creates a run, cheapest first), with the group's"
            + " min/max, GPU types, price ceiling and reliability floor in place of its 5/20 and"
            + " its GPU list, for a fair comparison; its scale-down "
            + (setup.oldRulesScaleDown()
                ? "switched on (--old-rules-scale-down): it stops, not destroys, so storage"
                    + " bills on."
                : "off, as the script ships it (--old-rules-scale-down switches it on)."));
    lines.add(
        String.format(
            Locale.ROOT,
            "- lower bound: every game at the best games per dollar any eligible offer reaches"
                + " in the run (%s at %.3f $/h, %.0f games/h: %.1f games/$), no boot, no idle.",
            best.gpuName(),
            best.pricePerHour(),
            best.gamesPerHour(),
            best.gamesPerDollar()));
    lines.add(
        "- both policies start with the group's minimum running on the best offers and an empty"
            + " queue; a rented instance keeps its price; a scale-down gives the machine back at"
            + " once; only this group is simulated, so its spend is also the all-groups spend.");
    lines.add(
        "- games left: still queued at the end; a policy that leaves games undone looks cheaper"
            + " than it is.");
    lines.add(
        String.format(
            Locale.ROOT,
            "- at the group's maximum (%d rented): vastbot %.1f h, old rules %.1f h of %.1f h. While"
                + " a policy holds the maximum, no policy under the same maximum drains the queue"
                + " faster, so those hours bound how far the other can beat it on the queue.",
            setup.group().maxInstances(),
            result.vastbot().atMaximumHours(),
            result.oldRules().atMaximumHours(),
            setup.trace().gamesPerMinute().length / 60.0));
  }

  private static String yesNo(boolean yes) {
    return yes ? "yes" : "no";
  }
}
