package dev.vastbot.simulate;

import java.util.List;
import java.util.Locale;

/** The notes under the table of {@code autoscaler simulate}: how each row was made. */
final class ReportNotes {
  private ReportNotes() {}

  static void add(SimulationResult result, List<String> lines) {
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
        String.format(
            Locale.ROOT,
            "- lower bound min: the group's minimum of %d at the cheapest eligible price (%.3f $/h"
                + " each) all the run, the games those dollars cannot play at the best games per"
                + " dollar; games may wait to the end, so no policy that keeps the minimum costs"
                + " less.",
            setup.group().minInstances(),
            MinimumLowerBound.cheapestPrice(setup)));
    var withinTarget = MinimumLowerBound.withinTargetCost(setup, best);
    lines.add(
        String.format(
            Locale.ROOT,
            "- if no game waited longer than the target (%.2f h) after it arrived, that bound"
                + " would be %.2f $ (vastbot %.2f×); only a policy that always meets its target"
                + " is held to it.",
            setup.targetBacklogHours(),
            withinTarget,
            withinTarget > 0 ? result.vastbot().costUsd() / withinTarget : Double.NaN));
    lines.add(
        String.format(
            Locale.ROOT,
            "- held at max: the group's maximum of %d rented from the first minute and kept"
                + " (vastbot with min_instances %d): the floor, the fewest queue hours above"
                + " target any policy with this maximum reaches; above floor = a row's queue"
                + " hours less the floor's.",
            setup.group().maxInstances(),
            setup.group().maxInstances()));
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

}
