package dev.vastbot.simulate;

import dev.vastbot.fleet.autoscale.Budget;
import dev.vastbot.fleet.autoscale.Spend;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * What one simulated fleet spent, per clock hour, day and month in the policy's zone (an hour is
 * keyed by its first instant, so the repeated hour of a daylight-saving change is two hours).
 */
final class SimulatedSpend {
  /** A cent's hundredth: sums of per-minute costs are not exact. */
  private static final double TOLERANCE = 1e-6;

  private final ZoneId zone;
  private final Map<Instant, Double> byHour = new HashMap<>();
  private final Map<LocalDate, Double> byDay = new HashMap<>();
  private final Map<YearMonth, Double> byMonth = new HashMap<>();
  private double total;

  SimulatedSpend(ZoneId zone) {
    this.zone = zone;
  }

  void add(Instant at, double usd) {
    var local = at.atZone(zone);
    byHour.merge(local.truncatedTo(ChronoUnit.HOURS).toInstant(), usd, Double::sum);
    byDay.merge(local.toLocalDate(), usd, Double::sum);
    byMonth.merge(YearMonth.from(local), usd, Double::sum);
    total += usd;
  }

  double total() {
    return total;
  }

  /** Spent so far in the hour, day and month of {@code now}, and {@code ratePerHour}. */
  Spend at(Instant now, double ratePerHour) {
    var local = now.atZone(zone);
    return new Spend(
        byHour.getOrDefault(local.truncatedTo(ChronoUnit.HOURS).toInstant(), 0.0),
        byDay.getOrDefault(local.toLocalDate(), 0.0),
        byMonth.getOrDefault(YearMonth.from(local), 0.0),
        ratePerHour);
  }

  /** Periods that spent more than {@code caps}. */
  BudgetViolations violations(Budget caps) {
    return new BudgetViolations(
        over(byHour, caps.hourlyUsd()),
        over(byDay, caps.dailyUsd()),
        over(byMonth, caps.monthlyUsd()));
  }

  private static int over(Map<?, Double> periods, double cap) {
    return (int) periods.values().stream().filter(spent -> spent > cap + TOLERANCE).count();
  }
}
