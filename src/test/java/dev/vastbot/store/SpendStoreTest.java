package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.DailySpend;
import dev.vastbot.fleet.cost.InstanceSpend;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spend ledger, the cost warning and the charges check on SQLite and PostgreSQL: accruals add,
 * the mark moves once, a day warns once and is compared with Vast's charges once.
 */
class SpendStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T23:57:00Z");
  private static final LocalDate DEC1 = LocalDate.parse("2026-12-01");
  private static final LocalDate DEC2 = LocalDate.parse("2026-12-02");
  @TempDir static Path dir;

  static Stream<String> stores() {
    return Stream.of(JdbcFleetStore.defaultUrl(dir.resolve("spend")), LocalPostgres.freshSchemaUrl());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void accrualsAddUpPerInstanceAndDay_andTheMarkMovesOnlyFromWhereTheyStarted(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      assertEquals(Optional.empty(), store.spendMark());
      assertTrue(store.accrueSpend(new Accrual(null, null, T0, List.of())));
      assertFalse(store.accrueSpend(new Accrual(null, null, T0.plusSeconds(1), List.of())), "a first mark exists");
      assertEquals(Optional.of(T0), store.spendMark());

      Instant t1 = T0.plusSeconds(360);
      assertTrue(store.accrueSpend(new Accrual(T0, T0, t1, List.of(new InstanceSpend(DEC1, 7, 0.25),
          new InstanceSpend(DEC2, 7, 0.125), new InstanceSpend(DEC1, 8, 0.5)))));
      assertFalse(store.accrueSpend(new Accrual(T0, T0, t1, List.of(new InstanceSpend(DEC1, 7, 99)))),
          "the same span again adds nothing");
      Instant t2 = t1.plusSeconds(60);
      assertTrue(store.accrueSpend(new Accrual(t1, t1, t2, List.of(new InstanceSpend(DEC2, 7, 0.125)))));

      assertEquals(Optional.of(t2), store.spendMark());
      assertEquals(List.of(new DailySpend(DEC1, 0.75), new DailySpend(DEC2, 0.25)), store.dailySpend(DEC1, DEC2));
      assertEquals(List.of(new DailySpend(DEC2, 0.25)), store.dailySpend(DEC2, DEC2.plusDays(30)));
      assertEquals(List.of(), store.dailySpend(DEC1.minusDays(30), DEC1.minusDays(1)));
      assertEquals(List.of(new InstanceSpend(DEC1, 7, 0.25), new InstanceSpend(DEC1, 8, 0.5),
          new InstanceSpend(DEC2, 7, 0.25)), store.instanceSpend(DEC1, DEC2), "per instance, by day then id");
      assertEquals(List.of(new InstanceSpend(DEC2, 7, 0.25)), store.instanceSpend(DEC2, DEC2));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void eachDaysCostWarningIsClaimedOnce_acrossReopening(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      assertEquals(Optional.empty(), store.lastCostWarningDay());
      assertTrue(store.claimCostWarning(DEC1, T0));
      assertFalse(store.claimCostWarning(DEC1, T0.plusSeconds(60)));
    }
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      assertFalse(store.claimCostWarning(DEC1, T0.plusSeconds(120)), "a restart does not warn again");
      assertTrue(store.claimCostWarning(DEC2, T0.plusSeconds(3600)));
      assertEquals(Optional.of(DEC2), store.lastCostWarningDay());
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void eachDaysChargesCheckIsRecordedOnce_acrossReopening(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      assertEquals(Optional.empty(), store.lastChargesCheckDay());
      assertTrue(store.recordChargesCheck(DEC1, T0, "Vast's charges for 2026-11-30 (UTC): $1.00"));
      assertFalse(store.recordChargesCheck(DEC1, T0.plusSeconds(60), "a second process's"));
      assertEquals(Optional.of(DEC1), store.lastChargesCheckDay());
    }
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      assertFalse(store.recordChargesCheck(DEC1, T0.plusSeconds(120), "again"), "a restart does not repeat it");
      assertTrue(store.recordChargesCheck(DEC2, T0.plusSeconds(3600), "the next day's"));
      assertEquals(Optional.of(DEC2), store.lastChargesCheckDay());
    }
  }
}
