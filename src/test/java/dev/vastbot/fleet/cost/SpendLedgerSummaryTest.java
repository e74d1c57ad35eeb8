package dev.vastbot.fleet.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Today, this month and the forecasts to the end of the day and month, at a fixed time. */
class SpendLedgerSummaryTest {

  @Test
  void forecastsAddTheRateNowForTheHoursLeft() {
    Instant now = Instant.parse("2026-12-30T18:00:00Z");
    List<DailySpend> days = List.of(new DailySpend(LocalDate.parse("2026-11-30"), 100),
        new DailySpend(LocalDate.parse("2026-12-01"), 20), new DailySpend(LocalDate.parse("2026-12-30"), 12));

    SpendSummary summary = SpendSummary.of(days, 2.0, now, ZoneOffset.UTC);

    assertEquals(LocalDate.parse("2026-12-30"), summary.today());
    assertEquals(12, summary.spentToday(), 1e-9);
    assertEquals(32, summary.spentThisMonth(), 1e-9, "November is not this month");
    assertEquals(12 + 2.0 * 6, summary.forecastToday(), 1e-9);
    assertEquals(32 + 2.0 * (6 + 24), summary.forecastMonth(), 1e-9);
  }

  @Test
  void theDayAndItsHoursAreThoseOfTheZone() {
    // 23:30Z on 31 March is 01:30 on 1 April in Berlin (summer time, UTC+2): a new day and a new month.
    Instant now = Instant.parse("2027-03-31T23:30:00Z");

    SpendSummary summary = SpendSummary.of(List.of(new DailySpend(LocalDate.parse("2027-03-31"), 50)), 1.0, now,
        ZoneId.of("Europe/Berlin"));

    assertEquals(LocalDate.parse("2027-04-01"), summary.today());
    assertEquals(0, summary.spentThisMonth(), 1e-9);
    assertEquals(22.5, summary.forecastToday(), 1e-9);
    assertEquals(22.5 + 29 * 24, summary.forecastMonth(), 1e-9);
  }
}
