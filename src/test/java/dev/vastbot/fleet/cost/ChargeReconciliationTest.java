package dev.vastbot.fleet.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChargeReconciliationTest {
  private static final double CENT = 1e-9;
  private static final LocalDate DAY = LocalDate.parse("2026-12-03");
  private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant UNTIL = Instant.parse("2026-12-10T00:00:00Z");

  private static VastCharges vast(ChargeLine... lines) {
    return new VastCharges(FROM, UNTIL, List.of(lines));
  }

  private static InstanceSpend ledger(long id, double dollars) {
    return new InstanceSpend(DAY, id, dollars);
  }

  @Test
  void equal_noDifference_noWarning() {
    var result = ChargeReconciliation.of(List.of(ledger(1, 60), ledger(2, 40)),
        vast(ChargeLine.of(1, 60), ChargeLine.of(2, 40)));
    assertEquals(100, result.ledgerTotal(), CENT);
    assertEquals(100, result.vastTotal(), CENT);
    assertEquals(0, result.differencePercent(), CENT);
    assertTrue(result.differing().isEmpty());
    assertFalse(result.warrantsWarning());
  }

  @Test
  void threePercentOff_isShownButNoWarning() {
    var result = ChargeReconciliation.of(List.of(ledger(1, 97)), vast(ChargeLine.of(1, 100)));
    assertEquals(3, result.differencePercent(), CENT);
    assertTrue(result.differing().isEmpty());
    assertFalse(result.warrantsWarning());
  }

  @Test
  void eightPercentOff_warnsNamingTheInstance() {
    // the ledger's days add up per instance: 40 + 60 = 100 for instance 7
    var result = ChargeReconciliation.of(
        List.of(ledger(7, 40), new InstanceSpend(DAY.plusDays(1), 7, 60), ledger(8, 50)),
        vast(ChargeLine.of(7, 92.59259259259259), ChargeLine.of(8, 50)));
    assertEquals(150, result.ledgerTotal(), CENT);
    assertEquals(1, result.differing().size());
    var seven = result.differing().get(0);
    assertEquals(7, seven.instanceId());
    assertEquals(100, seven.ledger(), CENT);
    assertEquals(8, seven.percent(), 1e-6);
    assertTrue(result.warrantsWarning());
  }

  @Test
  void anInstanceOnlyOnOneSide_differsByAHundredPercent_largestDollarsFirst() {
    var result = ChargeReconciliation.of(List.of(ledger(1, 50), ledger(2, 3)),
        vast(ChargeLine.of(1, 50), ChargeLine.of(3, 10)));
    assertEquals(53, result.ledgerTotal(), CENT);
    assertEquals(60, result.vastTotal(), CENT);
    assertEquals(List.of(3L, 2L), result.differing().stream().map(ChargeReconciliation.InstanceDifference::instanceId)
        .toList());
    assertEquals(100, result.differing().get(0).percent(), CENT);
    assertEquals(0, result.differing().get(0).ledger(), CENT);
    assertEquals(100, result.differing().get(1).percent(), CENT, "Vast charged nothing for instance 2");
    assertTrue(result.warrantsWarning());
  }

  @Test
  void lessThanACent_isRounding() {
    var result = ChargeReconciliation.of(List.of(ledger(1, 0.004)), vast(ChargeLine.of(1, 0.002)));
    assertTrue(result.differing().isEmpty());
    assertFalse(result.warrantsWarning());
  }

  @Test
  void thePeriod_isTheMonthsCompleteDays_asInstantsOfTheLedgersZone() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    var period = ChargePeriod.completeDaysOfMonth(Instant.parse("2026-12-10T12:00:00Z"), berlin);
    assertEquals(LocalDate.parse("2026-12-01"), period.first());
    assertEquals(LocalDate.parse("2026-12-09"), period.last());
    assertEquals(Instant.parse("2026-11-30T23:00:00Z"), period.from());
    assertEquals(Instant.parse("2026-12-09T23:00:00Z"), period.until());
    var firstOfMonth = ChargePeriod.completeDaysOfMonth(Instant.parse("2026-12-01T08:00:00Z"), ZoneId.of("UTC"));
    assertEquals(LocalDate.parse("2026-11-01"), firstOfMonth.first());
    assertEquals(LocalDate.parse("2026-11-30"), firstOfMonth.last());
    assertEquals("2026-11-01 to 2026-11-30 (UTC)", firstOfMonth.display());
  }
}
