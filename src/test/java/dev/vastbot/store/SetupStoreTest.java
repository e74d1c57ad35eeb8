package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.service.provision.SetupSpans;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Set-ups in progress (V9) on a real SQLite file and a real PostgreSQL: shared by every process
 * that opens the store, ended once, a later set-up taking the place of the earlier.
 */
class SetupStoreTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");
  @TempDir Path dir;

  @Test
  void sqlite_setUpsAreSharedAcrossStores_endedOnce_andRestartedByALaterSetUp() {
    String url = JdbcFleetStore.defaultUrl(dir);
    try (var one = JdbcFleetStore.open(url); var other = JdbcFleetStore.open(url)) {
      checkSetUps(one, other);
    }
  }

  @Test
  void postgres_setUpsAreSharedAcrossStores_endedOnce_andRestartedByALaterSetUp() {
    String url = LocalPostgres.freshSchemaUrl();
    try (var one = JdbcFleetStore.open(url); var other = JdbcFleetStore.open(url)) {
      checkSetUps(one, other);
    }
  }

  @Test
  void sqlite_aLateEndOfAnOverrunSetUp_leavesTheRestartThatTookItsPlaceOpen() {
    try (var store = JdbcFleetStore.open(JdbcFleetStore.defaultUrl(dir))) {
      checkLateEnd(store);
    }
  }

  @Test
  void postgres_aLateEndOfAnOverrunSetUp_leavesTheRestartThatTookItsPlaceOpen() {
    try (var store = JdbcFleetStore.open(LocalPostgres.freshSchemaUrl())) {
      checkLateEnd(store);
    }
  }

  /** A provision overruns, the sweep ends it overdue, a keepalive restart begins; the provision ends late. */
  private static void checkLateEnd(JdbcFleetStore store) {
    var clock = new MutableClock(T0);
    var provision = new SetupSpans(store, clock, OpenSetup.PROVISION);
    provision.begin(7);
    clock.advance(Duration.ofMinutes(16));
    OpenSetup overrun = store.openSetups().get(0);
    assertTrue(store.endSetup(overrun, "overdue", clock.instant()), "the sweep ends it");
    clock.advance(Duration.ofMinutes(1));
    var restart = new SetupSpans(store, clock, OpenSetup.RESTART);
    restart.begin(7);
    OpenSetup restarted = new OpenSetup(7, OpenSetup.RESTART, T0.plus(Duration.ofMinutes(17)));
    assertFalse(store.endSetup(overrun, "done", clock.instant()), "not the set-up in progress");

    clock.advance(Duration.ofSeconds(30));
    provision.end(7, "done");
    assertEquals(List.of(restarted), store.openSetups(), "the restart's set-up is still in progress");

    restart.end(7, "done");
    assertEquals(List.of(), store.openSetups());
  }

  private static void checkSetUps(JdbcFleetStore one, JdbcFleetStore other) {
    one.startSetup(7, OpenSetup.PROVISION, T0);
    one.startSetup(5, OpenSetup.PROVISION, T0.plusSeconds(1));
    assertEquals(List.of(new OpenSetup(7, "provision", T0), new OpenSetup(5, "provision", T0.plusSeconds(1))),
        other.openSetups(), "another process sees them, oldest first");

    assertTrue(other.endSetup(new OpenSetup(7, OpenSetup.PROVISION, T0), "done", T0.plusSeconds(60)));
    assertFalse(one.endSetup(new OpenSetup(7, OpenSetup.PROVISION, T0), "overdue", T0.plusSeconds(61)), "ended once");
    assertFalse(one.endSetup(new OpenSetup(99, OpenSetup.PROVISION, T0), "done", T0), "no set-up, nothing ended");
    assertEquals(List.of(5L), one.openSetups().stream().map(OpenSetup::instanceId).toList());

    one.startSetup(7, OpenSetup.RESTART, T0.plusSeconds(600));
    assertEquals(List.of(new OpenSetup(5, "provision", T0.plusSeconds(1)), new OpenSetup(7, "restart",
        T0.plusSeconds(600))), other.openSetups(), "a restart's set-up takes the place of the ended one");
  }

  @Test
  void sqlite_anOverrunIsClearedOnce_acrossStores() {
    String url = JdbcFleetStore.defaultUrl(dir);
    try (var one = JdbcFleetStore.open(url); var other = JdbcFleetStore.open(url)) {
      checkOverrunCleared(one, other);
    }
  }

  @Test
  void postgres_anOverrunIsClearedOnce_acrossStores() {
    String url = LocalPostgres.freshSchemaUrl();
    try (var one = JdbcFleetStore.open(url); var other = JdbcFleetStore.open(url)) {
      checkOverrunCleared(one, other);
    }
  }

  private static void checkOverrunCleared(JdbcFleetStore one, JdbcFleetStore other) {
    one.startSetup(7, OpenSetup.PROVISION, T0);
    one.startSetup(5, OpenSetup.PROVISION, T0);
    assertTrue(one.endSetup(new OpenSetup(7, OpenSetup.PROVISION, T0), OpenSetup.OVERDUE, T0.plusSeconds(900)));
    assertTrue(one.endSetup(new OpenSetup(5, OpenSetup.PROVISION, T0), "done", T0.plusSeconds(60)));
    assertEquals(java.util.Set.of(7L), other.overdueSetups());

    assertTrue(other.clearOverdueSetup(7));
    assertFalse(one.clearOverdueSetup(7), "cleared once");
    assertFalse(one.clearOverdueSetup(5), "a set-up that ended in time has nothing to clear");
    assertEquals(java.util.Set.of(), one.overdueSetups());
  }
}
