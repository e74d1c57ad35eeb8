package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.LoopTick;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host-key pins, health streaks and loop ticks on a real SQLite file, across a reopen. */
class RemoteStateTest {
  private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  @TempDir Path dir;

  @Test
  void pin_isKeptOnFirstUse_notOverwritten_andSurvivesReopen() {
    try (var store = JdbcFleetStore.open(JdbcFleetStore.defaultUrl(dir))) {
      assertEquals(Optional.empty(), store.pinnedKey(7));
      store.pin(7, "ssh-ed25519 AAAAfirst", T0);
      store.pin(7, "ssh-ed25519 AAAAsecond", T0.plusSeconds(5));
      store.pin(8, "ssh-ed25519 AAAAother", T0);
    }
    try (var store = JdbcFleetStore.open(JdbcFleetStore.defaultUrl(dir))) {
      assertEquals(Optional.of("ssh-ed25519 AAAAfirst"), store.pinnedKey(7));
      assertEquals(Optional.of("ssh-ed25519 AAAAother"), store.pinnedKey(8));
      store.unpin(7);
      assertEquals(Optional.empty(), store.pinnedKey(7));
    }
  }

  @Test
  void healthStreak_countsConsecutiveFailures_andResetsWhenHealthy() {
    try (var store = JdbcFleetStore.open(JdbcFleetStore.defaultUrl(dir))) {
      assertEquals(1, store.recordHealthCheck(3, false, "unhealthy", T0).consecutiveFailures());
      assertEquals(2, store.recordHealthCheck(3, false, "unreachable", T0.plusSeconds(60)).consecutiveFailures());
      assertEquals("unreachable", store.healthStreak(3).orElseThrow().lastLevel());
      assertEquals(0, store.recordHealthCheck(3, true, "healthy", T0.plusSeconds(120)).consecutiveFailures());
      assertEquals(1, store.recordHealthCheck(3, false, "degraded", T0.plusSeconds(180)).consecutiveFailures());
    }
  }

  @Test
  void loopTick_keepsTheLatest() {
    try (var store = JdbcFleetStore.open(JdbcFleetStore.defaultUrl(dir))) {
      store.recordLoopTick(new LoopTick("health", T0, T0.plusSeconds(2), true, "3 healthy"));
      store.recordLoopTick(new LoopTick("health", T0.plusSeconds(60), T0.plusSeconds(61), false, "Vast down"));
      LoopTick last = store.lastLoopTick("health").orElseThrow();
      assertFalse(last.ok());
      assertEquals("Vast down", last.outcome());
      assertEquals(T0.plusSeconds(61), last.finishedAt());
      assertTrue(store.lastLoopTick("keepalive").isEmpty());
    }
  }
}
