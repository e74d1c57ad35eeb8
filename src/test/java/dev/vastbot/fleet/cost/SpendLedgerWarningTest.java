package dev.vastbot.fleet.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.service.cost.CostWarning;
import dev.vastbot.service.cost.SpendTracker;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
/** The tracker accrues into the store and warns once per day when the day's forecast passes the threshold. */
class SpendLedgerWarningTest {
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.at("2026-12-01T12:00:00Z");
  private final List<Alert> alerts = new ArrayList<>();

  private SpendTracker tracker() {
    return new SpendTracker(store, new SpendLedger(ZoneOffset.UTC, Duration.ofMinutes(15)), new CostWarning(40),
        alerts::add);
  }

  @Test
  void accruesEachTickOnce_andWarnsOncePerDayEvenAfterARestart() {
    // $2/h: at noon the day's forecast is 0 + 2 × 12 = $24, under $40.
    List<Instance> fleet = List.of(SpendLedgerTest.instance(1, InstanceState.RUNNING, 2.0, 0.05));
    assertFalse(tracker().record(fleet, clock.instant()).warned());

    // Four $5/h instances: forecast 20 × 12 = $240 > $40.
    List<Instance> big = List.of(SpendLedgerTest.instance(1, InstanceState.RUNNING, 5.0, 0.05),
        SpendLedgerTest.instance(2, InstanceState.RUNNING, 5.0, 0.05),
        SpendLedgerTest.instance(3, InstanceState.RUNNING, 5.0, 0.05),
        SpendLedgerTest.instance(4, InstanceState.RUNNING, 5.0, 0.05));
    clock.advance(Duration.ofMinutes(6));
    var outcome = tracker().record(big, clock.instant());
    assertTrue(outcome.applied());
    assertTrue(outcome.warned());
    assertEquals(1, alerts.size());
    assertEquals("cost-warning:2026-12-01", alerts.get(0).incident());
    assertEquals(2.0, store.dailySpend(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-01")).get(0).dollars(),
        1e-9, "6 minutes of 4 × $5/h");

    clock.advance(Duration.ofMinutes(6));
    assertFalse(tracker().record(big, clock.instant()).warned(), "a new tracker (a restart) does not warn again");
    assertEquals(1, alerts.size());

    clock.advance(Duration.ofHours(12));
    var nextDay = tracker().record(big, clock.instant());
    assertTrue(nextDay.accrual().capped(), "12 hours unobserved are not billed");
    assertTrue(nextDay.warned(), "the next day warns again");
    assertEquals("cost-warning:2026-12-02", alerts.get(1).incident());
    assertEquals(LocalDate.parse("2026-12-02"), store.lastCostWarningDay().orElseThrow());
  }

  @Test
  void aSpanAlreadyAccruedByAnotherReplicaIsNotCountedTwice() {
    List<Instance> fleet = List.of(SpendLedgerTest.instance(1, InstanceState.RUNNING, 1.0, 0.05));
    tracker().record(fleet, clock.instant());
    var ledger = new SpendLedger(ZoneOffset.UTC, Duration.ofMinutes(15));
    Accrual stale = ledger.accrue(clock.instant(), clock.instant().plusSeconds(360), fleet);
    assertTrue(store.accrueSpend(stale));
    assertFalse(store.accrueSpend(stale), "the mark has moved on");
    assertEquals(0.1, store.dailySpend(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-01")).get(0).dollars(),
        1e-9);
  }
}
