package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.TerminationRecord.Ending;
import dev.vastbot.fleet.autoscale.PoolMember;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The warm pool on SQLite and PostgreSQL: members are kept one per instance (a later row takes the
 * earlier's place), read longest stopped first, taken out once; a termination keeps how it ends
 * (park, retire, destroy); all of it survives reopening the store.
 */
class WarmPoolStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  @TempDir static Path dir;

  static Stream<String> stores() {
    return Stream.of(JdbcFleetStore.defaultUrl(dir.resolve("pool")), LocalPostgres.freshSchemaUrl());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void poolMembers_onePerInstance_longestStoppedFirst_surviveReopening(String url) {
    var seven = new PoolMember(7, "selfplay-4090", T0.plusSeconds(600), T0.plusSeconds(590), 50, 0.02, 0.40);
    var eight = new PoolMember(8, "selfplay-4090", T0, T0.minusSeconds(30), 80, 0.03, 0.45);
    var nine = new PoolMember(9, "training", T0.plusSeconds(60), T0, 100, 0.05, 2.10);
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      store.addPoolMember(seven);
      store.addPoolMember(new PoolMember(8, "selfplay-4090", T0.plusSeconds(9), T0, 10, 0.01, 0.1));
      store.addPoolMember(eight); // parked again: this row takes the earlier's place
      store.addPoolMember(nine);
    }
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      assertEquals(List.of(eight, nine, seven), store.poolMembers());
      assertTrue(store.removePoolMember(9));
      assertFalse(store.removePoolMember(9), "taken out once");
      assertEquals(List.of(eight, seven), store.poolMembers());
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aTerminationKeepsHowItEnds(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      long park = store.startOperation("terminate", "policy", "vast-7", T0);
      long retire = store.startOperation("terminate", "policy", "vast-8", T0);
      long destroy = store.startOperation("terminate", "U0ALICE", "vast-9", T0);
      store.recordTermination(new TerminationRecord(park, 7, false, Ending.PARK));
      store.recordTermination(new TerminationRecord(retire, 8, false, Ending.RETIRE));
      store.recordTermination(new TerminationRecord(destroy, 9, true));
      assertEquals(Optional.of(new TerminationRecord(park, 7, false, Ending.PARK)), store.termination(park));
      assertEquals(Optional.of(new TerminationRecord(retire, 8, false, Ending.RETIRE)), store.termination(retire));
      assertEquals(Optional.of(new TerminationRecord(destroy, 9, true, Ending.DESTROY)), store.termination(destroy));
    }
  }
}
