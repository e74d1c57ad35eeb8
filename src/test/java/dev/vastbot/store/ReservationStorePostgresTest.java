package dev.vastbot.store;

import java.nio.file.Path;

/** {@link ReservationStoreScenario} on PostgreSQL, in a fresh schema. */
class ReservationStorePostgresTest extends ReservationStoreScenario {
  @Override
  String url(Path dir) {
    return LocalPostgres.freshSchemaUrl();
  }
}
