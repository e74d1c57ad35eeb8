package dev.vastbot.fleet.cost;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * What the whole fleet accrued on one day of the ledger's time zone, in USD.
 *
 * @param day a calendar day in the ledger's zone
 * @param dollars at least 0
 */
public record DailySpend(LocalDate day, double dollars) {
  public DailySpend {
    requireNonNull(day, "day == null");
    if (!(dollars >= 0)) {
      throw new IllegalArgumentException("dollars < 0: " + dollars);
    }
  }
}
