package dev.vastbot.app;

import dev.vastbot.store.LocalPostgres;
import java.nio.file.Path;

/** {@link ReservationConcurrencyScenario} on one PostgreSQL schema. */
class ReservationConcurrencyPostgresTest extends ReservationConcurrencyScenario {
  @Override
  String jdbcUrl(Path dir) {
    return LocalPostgres.freshSchemaUrl();
  }
}
