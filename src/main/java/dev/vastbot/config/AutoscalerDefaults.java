package dev.vastbot.config;

import dev.vastbot.fleet.autoscale.Budget;

/**
 * What the older sections say about autoscaling, used as the defaults of every group's keys.
 *
 * @param budget the all-groups caps when {@code autoscaler.budget} is empty; a group's caps default
 *     to the all-groups caps as read
 */
record AutoscalerDefaults(
    ScalingConfig scaling, ProvisionConfig provision, HealthConfig health, Budget budget) {

  /** The hourly cap the old {@code vast_autoscaler.py} had ({@code max_hourly_spend}). */
  static final double HOURLY_USD = 10.0;

  static AutoscalerDefaults of(
      ScalingConfig scaling,
      BudgetsConfig budgets,
      ProvisionConfig provision,
      HealthConfig health) {
    var budget = new Budget(HOURLY_USD, budgets.dailyUsd(), budgets.monthlyUsd());
    return new AutoscalerDefaults(scaling, provision, health, budget);
  }

  AutoscalerDefaults withBudget(Budget other) {
    return new AutoscalerDefaults(scaling, provision, health, other);
  }
}
