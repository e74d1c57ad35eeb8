package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vastbot.app.LoggedAlerts;
import dev.vastbot.fleet.cost.SpendLedger;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.service.cost.CostWarning;
import dev.vastbot.service.cost.SpendTracker;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two processes (two stores on one database) that list the fleet at once, as two cron runs
 * started by the same minute do: both read the ledger's mark before either accrues, so both
 * compute the same span; the store counts it once. On SQLite and PostgreSQL.
 */
class ConcurrentAccrualTest {
  private static final Instant T0 = Instant.parse("2026-12-10T10:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-12-10");
  @TempDir static Path dir;

  static Stream<String> stores() {
    return Stream.of(JdbcFleetStore.defaultUrl(dir.resolve("concurrent")), LocalPostgres.freshSchemaUrl());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void twoRunsThatReadTheSameMark_countTheirSpanOnce(String url) throws Exception {
    var instances = List.of(JdbcFleetStoreTest.running(1), JdbcFleetStoreTest.running(2)); // 0.5 $/h each
    var bothRead = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (JdbcFleetStore first = JdbcFleetStore.open(url); JdbcFleetStore second = JdbcFleetStore.open(url)) {
      tracker(first).record(instances, T0);
      Instant later = T0.plus(Duration.ofMinutes(10));
      List<Future<SpendTracker.Outcome>> runs = Stream.of(first, second)
          .map(store -> pool.submit(() -> tracker(meetingAtTheMark(store, bothRead)).record(instances, later)))
          .toList();
      long applied = 0;
      for (var run : runs) {
        applied += run.get(30, TimeUnit.SECONDS).applied() ? 1 : 0;
      }

      assertEquals(1, applied, "one of the two moves the mark");
      double tenMinutesOfBoth = 2 * 0.5 / 6;
      assertEquals(tenMinutesOfBoth, first.dailySpend(DAY, DAY).get(0).dollars(), 1e-9);
      assertEquals(later, second.spendMark().orElseThrow());
    } finally {
      pool.shutdownNow();
    }
  }

  private static SpendTracker tracker(FleetStore store) {
    return new SpendTracker(store, new SpendLedger(ZoneOffset.UTC, Duration.ofMinutes(15)), new CostWarning(1000),
        new LoggedAlerts());
  }

  /** The store, whose {@code spendMark()} returns only once both runs have read it. */
  private static FleetStore meetingAtTheMark(FleetStore store, CyclicBarrier bothRead) {
    return (FleetStore) Proxy.newProxyInstance(FleetStore.class.getClassLoader(), new Class<?>[] {FleetStore.class},
        (proxy, method, args) -> {
          try {
            Object result = method.invoke(store, args);
            if (method.getName().equals("spendMark")) {
              bothRead.await(30, TimeUnit.SECONDS);
            }
            return result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
