package dev.vastbot.fleet.cost;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * What one instance accrued on one day of the ledger's time zone during one accrual, in USD; the
 * store adds it to what that instance already accrued on that day.
 */
public record InstanceSpend(LocalDate day, long instanceId, double dollars) {
  public InstanceSpend {
    requireNonNull(day, "day == null");
    if (!(dollars >= 0)) {
      throw new IllegalArgumentException("dollars < 0: " + dollars);
    }
  }
}
