package dev.vastbot.fleet.cost;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Spend so far and where it is heading, in one time zone: the forecast to the end of the day is
 * today's spend plus the rate now for the hours left today, the forecast to the end of the month
 * likewise (hours are real hours, so a day with a DST change has 23 or 25).
 *
 * @param today the day of {@code at} in {@code zone}
 * @param spentToday accrued on {@code today}, USD
 * @param spentThisMonth accrued from the first of {@code today}'s month to {@code today}, USD
 * @param ratePerHour what the fleet costs per hour now, USD
 */
public record SpendSummary(
    Instant at,
    ZoneId zone,
    LocalDate today,
    double spentToday,
    double spentThisMonth,
    double ratePerHour,
    double forecastToday,
    double forecastMonth) {

  public SpendSummary {
    requireNonNull(at, "at == null");
    requireNonNull(zone, "zone == null");
    requireNonNull(today, "today == null");
  }

  /**
   * The summary at {@code now} from the ledger's daily totals (days outside {@code now}'s month
   * are ignored) and the fleet's rate now.
   */
  public static SpendSummary of(List<DailySpend> days, double ratePerHour, Instant now, ZoneId zone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate firstOfMonth = today.withDayOfMonth(1);
    double spentToday = 0;
    double spentThisMonth = 0;
    for (DailySpend day : days) {
      if (day.day().equals(today)) {
        spentToday += day.dollars();
      }
      if (!day.day().isBefore(firstOfMonth) && !day.day().isAfter(today)) {
        spentThisMonth += day.dollars();
      }
    }
    double hoursLeftToday = hoursUntil(now, today.plusDays(1), zone);
    double hoursLeftInMonth = hoursUntil(now, firstOfMonth.plusMonths(1), zone);
    return new SpendSummary(now, zone, today, spentToday, spentThisMonth, ratePerHour,
        spentToday + ratePerHour * hoursLeftToday, spentThisMonth + ratePerHour * hoursLeftInMonth);
  }

  /** The first day of {@code today}'s month: where {@link #of}'s daily totals should start. */
  public static LocalDate monthStart(Instant now, ZoneId zone) {
    return now.atZone(zone).toLocalDate().withDayOfMonth(1);
  }

  private static double hoursUntil(Instant now, LocalDate day, ZoneId zone) {
    Duration left = Duration.between(now, day.atStartOfDay(zone).toInstant());
    return left.isNegative() ? 0 : left.toMillis() / 3_600_000.0;
  }
}
