package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vastbot.fleet.HealthCheckRecord;
import dev.vastbot.fleet.RecordedHealthCheck;
import dev.vastbot.fleet.port.FleetStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What recording a sweep's checks at once must do, on any store: the same as recording them one
 * host at a time (streaks counted, idleness kept from its start, games kept until reported again).
 */
final class HealthChecksRoundTrip {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");
  static final Instant T1 = T0.plusSeconds(60);

  private HealthChecksRoundTrip() {}

  static void recordsASweepAsOneHostAtATimeWould(FleetStore store) {
    List<RecordedHealthCheck> first = store.recordHealthChecks(List.of(
        new HealthCheckRecord(5, false, "unreachable", false, null),
        new HealthCheckRecord(6, true, "healthy", true, 12),
        new HealthCheckRecord(7, true, "healthy", false, 40)), T0);
    assertEquals(List.of(5L, 6L, 7L), first.stream().map(RecordedHealthCheck::instanceId).toList());
    assertEquals(List.of(0, 0, 0), first.stream().map(RecordedHealthCheck::failuresBefore).toList());
    assertEquals(1, first.get(0).streak().consecutiveFailures());
    assertEquals(Optional.of(T0), first.get(1).idleSince());
    assertEquals(Optional.empty(), first.get(2).idleSince());

    List<RecordedHealthCheck> second = store.recordHealthChecks(List.of(
        new HealthCheckRecord(5, false, "unreachable", false, null),
        new HealthCheckRecord(6, true, "healthy", true, 9),
        new HealthCheckRecord(7, false, "degraded", false, null)), T1);
    assertEquals(List.of(1, 0, 0), second.stream().map(RecordedHealthCheck::failuresBefore).toList());
    assertEquals(2, second.get(0).streak().consecutiveFailures());
    assertEquals(Optional.of(T0), second.get(1).idleSince(), "idle since the first idle check");
    assertEquals("degraded", second.get(2).streak().lastLevel());
    assertEquals(2, store.healthStreak(5).orElseThrow().consecutiveFailures());
    assertEquals(T1, store.healthStreak(7).orElseThrow().lastChecked());
    assertEquals(Optional.of(9), store.gamesLastHour(6, T0));
    assertEquals(Optional.of(40), store.gamesLastHour(7, T0), "no games reported: the last ones stay");
  }
}
