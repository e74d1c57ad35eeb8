package dev.vastbot.app;

import dev.vastbot.store.LocalPostgres;

/** {@link HostileHostScenario} on PostgreSQL, which refuses a NUL byte that SQLite would take. */
class HostileHostPostgresTest extends HostileHostScenario {
  @Override
  String jdbcUrl() {
    return LocalPostgres.freshSchemaUrl();
  }
}
