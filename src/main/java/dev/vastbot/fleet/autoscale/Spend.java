package dev.vastbot.fleet.autoscale;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Money spent so far in the current hour, day and month (in the policy's zone), and the rate being
 * spent now: running instances at their total price, the others at their storage price.
 */
public record Spend(double thisHour, double today, double thisMonth, double ratePerHour) {

  public Spend {
    if (thisHour < 0 || today < 0 || thisMonth < 0 || ratePerHour < 0) {
      throw new IllegalArgumentException("negative spend");
    }
  }

  /** Nothing spent, nothing running. */
  public static Spend none() {
    return new Spend(0, 0, 0, 0);
  }

  /**
   * The ledger's day and month with {@code ratePerHour} spent now. The ledger keeps days, not hours:
   * this hour's spend is the rate over the part of the hour gone at {@code now}.
   */
  public static Spend atRate(double today, double thisMonth, double ratePerHour, ZonedDateTime now) {
    double hourGone = Duration.between(now.truncatedTo(ChronoUnit.HOURS), now).toMillis() / 3_600_000.0;
    return new Spend(ratePerHour * hourGone, today, thisMonth, ratePerHour);
  }
}
