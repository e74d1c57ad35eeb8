package dev.vastbot.fleet.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a rate of spending fits a budget from now on. Pure.
 *
 * <p>The rule, for each period (clock hour, day, month, in the policy's zone): the fleet at its new
 * rate must fit what is left of this period on top of what was spent in it, and it must fit the
 * whole next period on its own. Nothing in the decider stops an instance for budget, so a rate is
 * only started if it can run on: a scale-up at 23:30 must fit the half hour left today and all of
 * tomorrow (23, 24 or 25 hours), one on the month's last evening all of next month.
 */
public final class BudgetForecast {
  private final ZoneId zone;

  BudgetForecast(ZoneId zone) {
    this.zone = zone;
  }

  /** Empty when {@code ratePerHour} fits {@code budget}, else which cap it would pass, and when. */
  Optional<String> refusal(
      String scope, Budget budget, Spend spend, double ratePerHour, Instant now) {
    var local = now.atZone(zone);
    return check(scope, Period.HOUR, budget.hourlyUsd(), spend.thisHour(), ratePerHour, local)
        .or(() -> check(scope, Period.DAY, budget.dailyUsd(), spend.today(), ratePerHour, local))
        .or(
            () ->
                check(
                    scope,
                    Period.MONTH,
                    budget.monthlyUsd(),
                    spend.thisMonth(),
                    ratePerHour,
                    local));
  }

  private Optional<String> check(
      String scope, Period period, double cap, double spent, double rate, ZonedDateTime local) {
    var end = period.endOf(local);
    var hoursLeft = hoursBetween(local, end);
    if (spent + rate * hoursLeft > cap) {
      var passedIn = rate > 0 ? Math.max(0, (cap - spent) / rate) : 0;
      return Optional.of(
          String.format(
              Locale.ROOT,
              "%s %s budget %.2f of %.2f $ would be passed in %.1f h (at %.2f $/h)",
              scope,
              period.adjective,
              spent,
              cap,
              passedIn,
              rate));
    }
    var hoursIntoNext = hoursBetween(end, period.endOf(end));
    if (rate * hoursIntoNext > cap) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "%s next %s's budget of %.2f $ would be passed in %.1f h (at %.2f $/h from %s)",
              scope,
              period.noun,
              cap,
              hoursLeft + cap / rate,
              rate,
              period.boundaryName));
    }
    return Optional.empty();
  }

  private static double hoursBetween(ZonedDateTime from, ZonedDateTime to) {
    return Duration.between(from, to).toMillis() / 3_600_000.0;
  }

  private enum Period {
    HOUR("hourly", "hour", "the full hour"),
    DAY("daily", "day", "midnight"),
    MONTH("monthly", "month", "the 1st");

    final String adjective;
    final String noun;
    final String boundaryName;

    Period(String adjective, String noun, String boundaryName) {
      this.adjective = adjective;
      this.noun = noun;
      this.boundaryName = boundaryName;
    }

    ZonedDateTime endOf(ZonedDateTime local) {
      return switch (this) {
        case HOUR -> local.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        case DAY -> local.toLocalDate().plusDays(1).atStartOfDay(local.getZone());
        case MONTH ->
            local.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(local.getZone());
      };
    }
  }
}
