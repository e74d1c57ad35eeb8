package dev.vastbot.fleet.cost;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Whole days of the ledger's time zone, {@code first} to {@code last} (both included), as the
 * instants Vast's charges are asked for. Vast filters charges by {@code day} in epoch seconds, not
 * by calendar day: the period starts at midnight of {@code first} in {@code zone} and ends at
 * midnight after {@code last}, so in a zone other than UTC it covers other hours than Vast's UTC
 * days; across a daylight-saving change a day is 23 or 25 hours, as in the ledger.
 */
public record ChargePeriod(LocalDate first, LocalDate last, ZoneId zone) {
  public ChargePeriod {
    requireNonNull(first, "first == null");
    requireNonNull(last, "last == null");
    requireNonNull(zone, "zone == null");
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("last " + last + " is before first " + first);
    }
  }

  /**
   * The complete days of {@code now}'s month so far (the first to yesterday); on the first of a
   * month, the whole month before. Today is left out: both sides are still accruing it, and Vast's
   * charges lag behind its meter.
   */
  public static ChargePeriod completeDaysOfMonth(Instant now, ZoneId zone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate yesterday = today.minusDays(1);
    return new ChargePeriod(yesterday.withDayOfMonth(1), yesterday, zone);
  }

  /** Midnight at the start of {@code first}. */
  public Instant from() {
    return first.atStartOfDay(zone).toInstant();
  }

  /** Midnight after {@code last} (excluded). */
  public Instant until() {
    return last.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** "2026-12-01 to 2026-12-09 (UTC)", or one day alone. */
  public String display() {
    String days = first.equals(last) ? first.toString() : first + " to " + last;
    return days + " (" + SpendLedger.zoneName(zone) + ")";
  }
}
