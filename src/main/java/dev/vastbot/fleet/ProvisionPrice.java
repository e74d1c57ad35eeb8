package dev.vastbot.fleet;

import java.util.Locale;
import java.util.Optional;

/**
 * What a provision request was priced at when it was asked: the number of instances, what the
 * offers it would rent cost together, and the forecast of all groups' spending with them rented.
 * An approval is of this amount: a rent that would cost more, or a need priced otherwise, asks again.
 *
 * @param count how many instances
 * @param usdPerHour the offers' total price per hour (GPU or bid, plus storage)
 * @param forecastUsdPerDay all groups' spending per day at their rate with these offers rented
 */
public record ProvisionPrice(int count, double usdPerHour, double forecastUsdPerDay) {
  /**
   * Within 2 % (and a tenth of a cent per hour, a cent a day for the forecast), prices count as the
   * same: the market's wobble neither re-asks an approval nor replaces a prompt a person is reading.
   */
  private static final double RELATIVE_SLACK = 0.02;
  private static final double PER_HOUR_SLACK = 0.001;
  private static final double PER_DAY_SLACK = 0.01;

  public ProvisionPrice {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    if (!(usdPerHour >= 0) || Double.isInfinite(usdPerHour)) {
      throw new IllegalArgumentException("usdPerHour must be a price, got " + usdPerHour);
    }
    if (!(forecastUsdPerDay >= 0) || Double.isInfinite(forecastUsdPerDay)) {
      throw new IllegalArgumentException("forecastUsdPerDay must be a price, got " + forecastUsdPerDay);
    }
  }

  /**
   * How {@code now} passes this (approved) amount: costs more per hour, or the forecast grew; empty
   * when it stays within it (a cheaper rent is within it). Pure.
   */
  public Optional<String> passedBy(ProvisionPrice now) {
    if (now.usdPerHour > usdPerHour * (1 + RELATIVE_SLACK) + PER_HOUR_SLACK) {
      return Optional.of("the price rose from " + describe() + " to " + now.describe());
    }
    if (now.forecastUsdPerDay > forecastUsdPerDay * (1 + RELATIVE_SLACK) + PER_DAY_SLACK) {
      return Optional.of("the forecast rose from " + describe() + " to " + now.describe());
    }
    return Optional.empty();
  }

  /**
   * Why a request priced at this amount does not stand for the need {@code now}: a larger count, or
   * an amount {@code now} passes; empty when it does (the same or a smaller need, asked once: its
   * approval still rents within the group's room and is re-priced then).
   */
  public Optional<String> differsFrom(ProvisionPrice now) {
    if (now.count > count) {
      return Optional.of("it was for " + count + ", the need now is " + now.count + " (" + now.describe() + ")");
    }
    return passedBy(now);
  }

  /** {@code $0.48/h ($11.42/day; all groups forecast at $20.10/day)}. */
  public String describe() {
    return String.format(Locale.ROOT, "$%.2f/h ($%.2f/day; all groups forecast at $%.2f/day)", usdPerHour,
        usdPerHour * 24, forecastUsdPerDay);
  }
}
