package dev.vastbot.fleet.autoscale;

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
}
