package dev.vastbot.simulate;

import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.Budget;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import java.time.Duration;

/**
 * Everything one simulation run needs.
 *
 * @param boot from rent to producing games; storage is billed meanwhile, the GPU is not
 * @param idleShare an instance using less than this share of its capacity counts as idle (the
 *     health section's idle GPU percent)
 * @param oldRulesScaleDown whether the old rules' scale-down is switched on (the script had it off)
 * @param targetBacklogHours the queue's target in backlog hours (queue / running games per hour);
 *     by default the group's scale-up threshold
 * @param restarts how a stopped (warm pool) instance restarts, and how likely its GPU was taken
 */
record SimulationSetup(
    AutoscalerPolicy policy,
    GroupPolicy group,
    DemandTrace trace,
    Market market,
    Duration boot,
    double idleShare,
    boolean oldRulesScaleDown,
    double targetBacklogHours,
    long seed,
    Restarts restarts) {

  /** With the default restarts (a minute; taken with 1 - exp(-hours / 24)). */
  SimulationSetup(
      AutoscalerPolicy policy,
      GroupPolicy group,
      DemandTrace trace,
      Market market,
      Duration boot,
      double idleShare,
      boolean oldRulesScaleDown,
      double targetBacklogHours,
      long seed) {
    this(
        policy, group, trace, market, boot, idleShare, oldRulesScaleDown, targetBacklogHours, seed,
        Restarts.DEFAULT);
  }

  /** The tightest of the group's and the all-groups caps for each period. */
  Budget caps() {
    var own = group.budget();
    var all = policy.totalBudget();
    return new Budget(
        Math.min(own.hourlyUsd(), all.hourlyUsd()),
        Math.min(own.dailyUsd(), all.dailyUsd()),
        Math.min(own.monthlyUsd(), all.monthlyUsd()));
  }

  int hours() {
    return (trace.minutes() + 59) / 60;
  }
}
