package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vastbot.fleet.Replacement;
import dev.vastbot.fleet.autoscale.DemandReading;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The autoscaler's memory on SQLite and PostgreSQL: an instance keeps the first group it was
 * given, the cooldown marks move, a measured games rate is read only while it is recent, a
 * replacement under way is one per old instance and ended by either instance, and remembers which
 * instance it lets go by which termination; all of it survives reopening the store (a restart, or
 * another replica).
 */
class AutoscaleStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  @TempDir static Path dir;

  static Stream<String> stores() {
    return Stream.of(JdbcFleetStore.defaultUrl(dir.resolve("autoscale")), LocalPostgres.freshSchemaUrl());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void groupsMarksAndGamesRates_surviveReopening(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      assertEquals("selfplay-4090", store.assignAutoscaleGroup(7, "selfplay-4090", T0));
      assertEquals("selfplay-4090", store.assignAutoscaleGroup(7, "training-h100", T0.plusSeconds(5)),
          "the first group given stays");
      store.assignAutoscaleGroup(8, "training-h100", T0);
      assertEquals(Optional.empty(), store.lastScale("selfplay-4090", "up"));
      store.markScale("selfplay-4090", "up", T0);
      store.markScale("selfplay-4090", "up", T0.plusSeconds(600));
      store.markScale("selfplay-4090", "down", T0.plusSeconds(60));
      store.recordGamesLastHour(7, 280, T0);
      store.recordGamesLastHour(7, 310, T0.plusSeconds(900));
    }
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      assertEquals(Map.of(7L, "selfplay-4090", 8L, "training-h100"), store.autoscaleGroups());
      assertEquals(Optional.of(T0.plusSeconds(600)), store.lastScale("selfplay-4090", "up"));
      assertEquals(Optional.of(T0.plusSeconds(60)), store.lastScale("selfplay-4090", "down"));
      assertEquals(Optional.empty(), store.lastScale("training-h100", "up"));
      assertEquals(Optional.of(310), store.gamesLastHour(7, T0.plusSeconds(900)));
      assertEquals(Optional.empty(), store.gamesLastHour(7, T0.plusSeconds(901)), "older than asked for");
      assertEquals(Optional.empty(), store.gamesLastHour(8, T0));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void demandReadings_oneAMomentPerGroup_prunedAsTheyCome_surviveReopening(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      store.recordDemand("selfplay-4090", new DemandReading(T0, 10), T0.minusSeconds(3600));
      store.recordDemand("selfplay-4090", new DemandReading(T0.plusSeconds(60), 25.5), T0.minusSeconds(3540));
      store.recordDemand("selfplay-4090", new DemandReading(T0.plusSeconds(60), 30), T0.minusSeconds(3540));
      store.recordDemand("training-h100", new DemandReading(T0, 4), T0.minusSeconds(3600));
    }
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      assertEquals(List.of(new DemandReading(T0, 10), new DemandReading(T0.plusSeconds(60), 30)),
          store.demandReadings("selfplay-4090"), "the later reading of a moment takes its place");
      store.recordDemand("selfplay-4090", new DemandReading(T0.plusSeconds(3630), 50), T0.plusSeconds(30));
      assertEquals(List.of(new DemandReading(T0.plusSeconds(60), 30), new DemandReading(T0.plusSeconds(3630), 50)),
          store.demandReadings("selfplay-4090"), "readings from before the kept hour are dropped");
      assertEquals(List.of(new DemandReading(T0, 4)), store.demandReadings("training-h100"), "per group");
      assertEquals(List.of(), store.demandReadings("nobody"));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void replacementsUnderWay_oneAnOldInstance_endedByEither_surviveReopening(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      store.startReplacement(new Replacement(7, 70, "selfplay-4090", T0));
      store.startReplacement(new Replacement(8, 80, "selfplay-4090", T0.plusSeconds(60)));
      store.startReplacement(new Replacement(9, 90, "training-h100", T0.plusSeconds(120)));
      store.startReplacement(new Replacement(7, 71, "selfplay-4090", T0.plusSeconds(600))); // 70 was lost
    }
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      assertEquals(List.of(new Replacement(8, 80, "selfplay-4090", T0.plusSeconds(60)),
          new Replacement(9, 90, "training-h100", T0.plusSeconds(120)),
          new Replacement(7, 71, "selfplay-4090", T0.plusSeconds(600))), store.replacements());
      store.endReplacement(8); // by its old instance
      store.endReplacement(90); // by its new one
      store.endReplacement(12345); // none: nothing happens
      assertEquals(List.of(new Replacement(7, 71, "selfplay-4090", T0.plusSeconds(600))), store.replacements());
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aReplacementsLetGo_isRecordedWithItsTermination_untilItEnds_andSurvivesReopening(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      store.startReplacement(new Replacement(21, 210, "selfplay-4090", T0));
      store.startReplacement(new Replacement(22, 220, "selfplay-4090", T0.plusSeconds(60)));
      assertEquals(true, store.recordReplacementLetGo(21, Replacement.Stage.OLD_LEAVING, 501));
      assertEquals(true, store.recordReplacementLetGo(22, Replacement.Stage.NEW_LEAVING, 502));
      assertEquals(false, store.recordReplacementLetGo(99, Replacement.Stage.OLD_LEAVING, 503), "no such row");
      assertThrows(IllegalArgumentException.class, () -> store.recordReplacementLetGo(21, Replacement.Stage.TRIAL, 1));
    }
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      var kept = store.replacements().stream().filter(r -> r.oldId() == 21 || r.oldId() == 22).toList();
      assertEquals(List.of(
          new Replacement(21, 210, "selfplay-4090", T0).leaving(Replacement.Stage.OLD_LEAVING, 501),
          new Replacement(22, 220, "selfplay-4090", T0.plusSeconds(60)).leaving(Replacement.Stage.NEW_LEAVING, 502)),
          kept);
      assertEquals(21, kept.get(0).leavingId());
      assertEquals(220, kept.get(1).leavingId());
      store.startReplacement(new Replacement(21, 211, "selfplay-4090", T0.plusSeconds(900))); // a person's new start
      store.endReplacement(220);
      assertEquals(List.of(new Replacement(21, 211, "selfplay-4090", T0.plusSeconds(900))),
          store.replacements().stream().filter(r -> r.oldId() == 21 || r.oldId() == 22).toList(),
          "a new replacement of 21 starts on trial; 22's row ended with its new instance");
    }
  }
}
