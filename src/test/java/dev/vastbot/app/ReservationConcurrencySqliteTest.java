package dev.vastbot.app;

import dev.vastbot.store.JdbcFleetStore;
import java.nio.file.Path;

/** {@link ReservationConcurrencyScenario} on one SQLite file. */
class ReservationConcurrencySqliteTest extends ReservationConcurrencyScenario {
  @Override
  String jdbcUrl(Path dir) {
    return JdbcFleetStore.defaultUrl(dir.resolve("var"));
  }
}
