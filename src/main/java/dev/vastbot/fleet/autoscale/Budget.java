package dev.vastbot.fleet.autoscale;

/**
 * Spending caps in USD for one group or for all groups together. Each cap is for a calendar period
 * in the policy's time zone: the clock hour, the day (midnight to midnight) and the month.
 *
 * @param hourlyUsd most that may be spent in one clock hour
 * @param dailyUsd most that may be spent in one day
 * @param monthlyUsd most that may be spent in one month
 */
public record Budget(double hourlyUsd, double dailyUsd, double monthlyUsd) {

  public Budget {
    requirePositive(hourlyUsd, "hourlyUsd");
    requirePositive(dailyUsd, "dailyUsd");
    requirePositive(monthlyUsd, "monthlyUsd");
  }

  private static void requirePositive(double usd, String name) {
    if (!(usd > 0)) {
      throw new IllegalArgumentException(name + " <= 0: " + usd);
    }
  }
}
