package dev.vastbot.config;

/**
 * The {@code budgets} section of {@code vastbot.yaml}: spending limits in USD.
 *
 * @param dailyUsd most the fleet may cost per day
 * @param monthlyUsd most the fleet may cost per month, at least {@code dailyUsd}
 */
public record BudgetsConfig(double dailyUsd, double monthlyUsd) {

  static BudgetsConfig read(ConfigSection budgets) {
    var daily = budgets.decimal("daily_usd", 50).require(usd -> usd > 0, "must be greater than 0");
    var monthly =
        budgets.decimal("monthly_usd", 1000).require(usd -> usd > 0, "must be greater than 0");
    if (monthly.isDefault()) {
      daily.require(usd -> usd <= monthly.value(), "must be at most " + monthly.reference());
    }
    monthly.require(usd -> usd >= daily.value(), "must be at least " + daily.reference());
    budgets.rejectUnknownKeys();
    return new BudgetsConfig(daily.value(), monthly.value());
  }
}
