package dev.vastbot.fleet.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The accrual rules: what each state is billed, a midnight split in a non-UTC zone, a capped gap. */
class SpendLedgerTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private final SpendLedger ledger = new SpendLedger(ZoneOffset.UTC, Duration.ofMinutes(15));

  static Instance instance(long id, InstanceState state, double dphTotal, double storageDph) {
    return new Instance(id, "x", "RTX_4090", 1, state, state.display(), "running", "running", "running", null,
        dphTotal, storageDph, 50, false, null, null, null);
  }

  @Test
  void aRunningInstanceAccruesItsTotalPrice_aStoppedOneItsStorage_anOfflineOneNothing() {
    Accrual accrual = ledger.accrue(T0, T0.plus(Duration.ofMinutes(6)), List.of(
        instance(1, InstanceState.RUNNING, 0.50, 0.02),
        instance(2, InstanceState.STOPPED, 0.50, 0.02),
        instance(3, InstanceState.OFFLINE, 0.50, 0.02),
        instance(4, InstanceState.LOADING, 0.50, 0.02),
        instance(5, InstanceState.FROZEN, 0.50, 0.02)));

    LocalDate day = LocalDate.parse("2026-12-01");
    assertEquals(List.of(new InstanceSpend(day, 1, 0.05), new InstanceSpend(day, 2, 0.002),
        new InstanceSpend(day, 4, 0.002), new InstanceSpend(day, 5, 0.05)), rounded(accrual.spends()));
    assertFalse(accrual.capped());
  }

  @Test
  void anInstanceNoLongerListedAccruesNothing_andOneStartedInTheSpanFromItsStart() {
    Instance fresh = new Instance(9, "x", "RTX_4090", 1, InstanceState.RUNNING, "running", "running", "running",
        "running", null, 1.0, 0.02, 50, false, null, null, T0.plus(Duration.ofMinutes(3)));

    Accrual accrual = ledger.accrue(T0, T0.plus(Duration.ofMinutes(6)), List.of(fresh));

    assertEquals(List.of(new InstanceSpend(LocalDate.parse("2026-12-01"), 9, 0.05)), rounded(accrual.spends()));
  }

  @Test
  void aSpanOverMidnightIsSplitBetweenTheDaysOfTheLedgersZone() {
    var berlin = new SpendLedger(ZoneId.of("Europe/Berlin"), Duration.ofMinutes(15));
    // 22:55Z to 23:05Z is 23:55 to 00:05 in Berlin (UTC+1 in December): both halves on different days.
    Instant before = Instant.parse("2026-12-01T22:55:00Z");

    Accrual accrual = berlin.accrue(before, before.plus(Duration.ofMinutes(10)),
        List.of(instance(1, InstanceState.RUNNING, 0.60, 0.02)));

    assertEquals(List.of(new InstanceSpend(LocalDate.parse("2026-12-01"), 1, 0.05),
        new InstanceSpend(LocalDate.parse("2026-12-02"), 1, 0.05)), rounded(accrual.spends()));
  }

  @Test
  void aGapLongerThanTheCapIsBilledForItsLastPartOnly() {
    Accrual accrual = ledger.accrue(T0, T0.plus(Duration.ofDays(1)), List.of(instance(1, InstanceState.RUNNING,
        1.0, 0.02)));

    assertTrue(accrual.capped());
    assertEquals(T0.plus(Duration.ofDays(1)).minus(Duration.ofMinutes(15)), accrual.billedFrom());
    assertEquals(0.25, accrual.total(), 1e-9);
    assertEquals(T0.plus(Duration.ofDays(1)), accrual.until());
  }

  @Test
  void theFirstObservationOnlySetsTheMark_andAClockMovedBackBillsNothing() {
    Accrual first = ledger.accrue(null, T0, List.of(instance(1, InstanceState.RUNNING, 1.0, 0.02)));
    assertEquals(List.of(), first.spends());
    assertEquals(T0, first.until());

    Accrual back = ledger.accrue(T0, T0.minusSeconds(60), List.of(instance(1, InstanceState.RUNNING, 1.0, 0.02)));
    assertEquals(List.of(), back.spends());
    assertEquals(T0, back.until(), "the mark does not move back");
  }

  private static List<InstanceSpend> rounded(List<InstanceSpend> spends) {
    return spends.stream().map(s -> new InstanceSpend(s.day(), s.instanceId(),
        Math.round(s.dollars() * 1e9) / 1e9)).toList();
  }
}
