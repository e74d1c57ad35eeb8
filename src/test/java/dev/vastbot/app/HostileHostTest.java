package dev.vastbot.app;

/** {@link HostileHostScenario} on the default store: a SQLite file. */
class HostileHostTest extends HostileHostScenario {
  @Override
  String jdbcUrl() {
    return null;
  }
}
