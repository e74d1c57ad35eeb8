package dev.vastbot.service.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.ChargeLine;
import dev.vastbot.fleet.cost.InstanceSpend;
import dev.vastbot.fleet.cost.VastCharges;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.ChargesSource;
import dev.vastbot.store.JdbcFleetStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/**
 * The once-a-day comparison with Vast's charges, on a real SQLite file shared by two "processes":
 * Vast is asked once per day, a failure that may pass is asked again, an account without charges is
 * not, and a difference warns once.
 */
class DailyReconciliationTest {
  private static final Instant NOON = Instant.parse("2026-12-10T12:00:00Z");
  private static final LocalDate DEC9 = LocalDate.parse("2026-12-09");
  @TempDir Path dir;
  private JdbcFleetStore first;
  private JdbcFleetStore second;
  private final List<Alert> alerts = new ArrayList<>();
  private final AlertSink sink = new AlertSink() {
    @Override
    public void alert(Alert alert) {
      alerts.add(alert);
    }

    @Override
    public void resolved(String incident, String text) {}
  };
  private int asked;
  private RuntimeException failure;
  private double vastCharged = 2.0;

  private final ChargesSource vast = (from, until) -> {
    asked++;
    if (failure != null) {
      throw failure;
    }
    return new VastCharges(from, until, List.of(ChargeLine.of(7, vastCharged)));
  };

  @BeforeEach
  void open() {
    String url = JdbcFleetStore.defaultUrl(dir);
    first = JdbcFleetStore.open(url);
    second = JdbcFleetStore.open(url);
    first.accrueSpend(new Accrual(null, null, NOON.minus(Duration.ofDays(2)), List.of()));
    first.accrueSpend(new Accrual(NOON.minus(Duration.ofDays(2)), NOON.minus(Duration.ofDays(2)),
        NOON.minus(Duration.ofDays(1)), List.of(new InstanceSpend(DEC9, 7, 2.0))));
  }

  @AfterEach
  void close() {
    first.close();
    second.close();
  }

  private DailyReconciliation on(JdbcFleetStore store) {
    return new DailyReconciliation(new ChargesCheck(vast, store, ZoneOffset.UTC), store, sink, ZoneOffset.UTC);
  }

  @Test
  void vastIsAskedOncePerDay_acrossProcesses() {
    assertTrue(on(first).reconcileIfDue(NOON));
    assertFalse(on(second).reconcileIfDue(NOON.plus(Duration.ofMinutes(10))));
    assertFalse(on(first).reconcileIfDue(NOON.plus(Duration.ofHours(11))));
    assertEquals(1, asked);
    assertEquals(List.of(), alerts, "the ledger matches Vast");

    assertTrue(on(second).reconcileIfDue(NOON.plus(Duration.ofDays(1))), "the next day compares again");
    assertEquals(2, asked);
  }

  @Test
  void aDifferenceWarnsOnce_namingTheInstance() {
    vastCharged = 3.0;
    assertTrue(on(first).reconcileIfDue(NOON));
    assertFalse(on(second).reconcileIfDue(NOON.plusSeconds(60)));

    assertEquals(1, alerts.size(), alerts.toString());
    assertEquals("charges-differ:2026-12-10", alerts.get(0).incident());
    assertTrue(alerts.get(0).text().contains("$3.00 (ledger $2.00, differs by 33.3 %)"), alerts.get(0).text());
    assertTrue(alerts.get(0).text().contains("vast-7 (ledger $2.00, Vast $3.00)"), alerts.get(0).text());
  }

  @Test
  void aFailureThatMayPass_isAskedAgain_anAccountWithoutChargesIsNot() {
    failure = new ProviderException(ProviderException.Reason.UNAVAILABLE, 503, "Vast answered 503");
    assertFalse(on(first).reconcileIfDue(NOON));
    assertEquals(Optional.empty(), first.lastChargesCheckDay(), "not recorded: the next run asks again");

    DailyReconciliation process = on(first);
    assertFalse(process.reconcileIfDue(NOON.plusSeconds(1)));
    assertEquals(2, asked, "another process (the next cron run) asks again at once");
    assertFalse(process.reconcileIfDue(NOON.plusSeconds(60)));
    assertEquals(2, asked, "the same process waits before asking again");

    failure = new ProviderException(ProviderException.Reason.FORBIDDEN, 403, "forbidden");
    assertTrue(process.reconcileIfDue(NOON.plus(DailyReconciliation.RETRY_AFTER).plusSeconds(1)));
    assertFalse(on(second).reconcileIfDue(NOON.plus(Duration.ofHours(2))));
    assertEquals(3, asked, "asked again after the wait, then not at all once refused");
    assertEquals(List.of(), alerts);
  }
}
