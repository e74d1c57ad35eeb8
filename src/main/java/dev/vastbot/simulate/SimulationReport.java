package dev.vastbot.simulate;

import dev.vastbot.fleet.autoscale.GroupPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table {@code autoscaler simulate} prints, with its header, the targets and notes. */
public final class SimulationReport {
  private static final String ROW = "%-16s %10s %11s %15s %12s %-22s %11s %8s %12s";

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
            "above floor",
            "budget violations",
            "games left",
            "× lower",
            "× lower min"));
    lines.add(row(result, result.vastbot(), true));
    lines.add(row(result, result.oldRules(), true));
    lines.add(row(result, result.heldAtMax(), false));
    lines.add(row(result, result.lowerBound(), false));
    lines.add(row(result, result.lowerBoundMin(), false));
    lines.add("");
    targets(result, lines);
    ReportNotes.add(result, lines);
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
    lines.add(warmPool(setup));
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

  private static String warmPool(SimulationSetup setup) {
    var pool = setup.group().warmPool();
    if (!pool.enabled()) {
      return "warm pool: none (a scale-down gives the machine back)";
    }
    return String.format(
        Locale.ROOT,
        "warm pool: up to %d stopped (disk at most %.0f GB, kept at most %.1f h, storage billed);"
            + " restart %d min; a stopped GPU is taken with probability 1 - exp(-hours / %.1f)",
        pool.size(),
        pool.maxDiskGb(),
        pool.maxStopped().toMinutes() / 60.0,
        setup.restarts().delay().toMinutes(),
        setup.restarts().takenAfterHours());
  }

  private static String gpuTypes(GroupPolicy group) {
    var types = group.offers().gpuTypes();
    return types.isEmpty() ? "any GPU" : String.join(", ", types);
  }

  /** One row; {@code scaled} rows (the policies) also show their queue hours above the floor. */
  private static String row(SimulationResult result, PolicyOutcome outcome, boolean scaled) {
    var bound = outcome == result.lowerBound() || outcome == result.lowerBoundMin();
    return String.format(
        Locale.ROOT,
        ROW,
        outcome.name(),
        String.format(Locale.ROOT, "%.2f", outcome.costUsd()),
        String.format(Locale.ROOT, "%.1f", outcome.instanceHours()),
        bound ? "-" : String.format(Locale.ROOT, "%.2f", outcome.aboveTargetHours()),
        scaled ? String.format(Locale.ROOT, "%+.2f", result.aboveFloorHours(outcome)) : "-",
        outcome.violations().map(BudgetViolations::text).orElse("-"),
        String.format(Locale.ROOT, "%.0f", outcome.gamesLeft()),
        String.format(Locale.ROOT, "%.2f", result.ratio(outcome)),
        String.format(Locale.ROOT, "%.2f", result.ratioToMinimumBound(outcome)));
  }

  private static void targets(SimulationResult result, List<String> lines) {
    var vastbot = result.vastbot();
    var check = result.vastbotTargets();
    lines.add(
        String.format(
            Locale.ROOT,
            "vastbot cost ≤ %.2f× the lower bound respecting min_instances: %s (%.2f×; %.2f× the"
                + " lower bound without it)",
            TargetCheck.COST_TARGET,
            yesNo(check.costMet()),
            check.costRatio(),
            result.ratio(vastbot)));
    lines.add(
        String.format(
            Locale.ROOT,
            "vastbot queue-above-target hours ≤ the held-at-max floor + %.1f h: %s (%.2f h, floor"
                + " %.2f h: %+.2f h; old rules %.2f h)",
            TargetCheck.QUEUE_SLACK_HOURS,
            yesNo(check.queueMet()),
            vastbot.aboveTargetHours(),
            result.heldAtMax().aboveTargetHours(),
            check.aboveFloorHours(),
            result.oldRules().aboveTargetHours()));
    lines.add("vastbot budget violations = 0: " + yesNo(check.violationsMet()));
    lines.add("targets: " + (check.met() ? "PASS" : "MISS"));
    lines.add(
        "NEEDS_APPROVAL decisions: "
            + vastbot.approvalsAsked()
            + " (counted as not scaled: nobody approves in a simulation)");
  }

  private static String yesNo(boolean yes) {
    return yes ? "yes" : "no";
  }
}
