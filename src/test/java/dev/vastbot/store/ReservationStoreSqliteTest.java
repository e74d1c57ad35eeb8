package dev.vastbot.store;

import java.nio.file.Path;

/** {@link ReservationStoreScenario} on a SQLite file. */
class ReservationStoreSqliteTest extends ReservationStoreScenario {
  @Override
  String url(Path dir) {
    return JdbcFleetStore.defaultUrl(dir);
  }
}
