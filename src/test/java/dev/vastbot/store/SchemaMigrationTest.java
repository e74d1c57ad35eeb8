package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaMigrationTest {
  @TempDir Path dir;

  private String url() {
    return JdbcFleetStore.defaultUrl(dir);
  }

  @Test
  void aNewDatabaseGetsEveryMigrationRecordedOnce() throws SQLException {
    JdbcFleetStore.open(url()).close();

    assertEquals(List.of("1 init", "2 remote_state", "3 approvals_terminations_syncs", "4 spend_ledger",
        "5 autoscaler", "6 replacements", "7 reservations", "8 slack_outbox",
        "9 instance_setups", "10 replacement_stages", "11 demand_readings", "12 approval_prices",
        "13 ledger", "14 warm_pool"), versionRows());
  }

  @Test
  void reopeningAnUpToDateDatabaseAppliesNothing() throws SQLException {
    JdbcFleetStore.open(url()).close();
    List<String> before = query("SELECT version, description, applied_at FROM schema_version");

    JdbcFleetStore.open(url()).close();
    JdbcFleetStore.open(url()).close();

    assertEquals(before, query("SELECT version, description, applied_at FROM schema_version"));
  }

  @Test
  void theMigratorReportsWhatItApplied() throws SQLException {
    SchemaMigrator migrator = new SchemaMigrator(SqlDialect.SQLITE, java.time.Clock.systemUTC());
    try (SerializedConnection connection =
        new SerializedConnection(DriverManager.getConnection(url()), SqlDialect.SQLITE)) {
      assertEquals(Migration.KNOWN, connection.inTransaction("migrate", migrator::migrate));
      assertEquals(List.of(), connection.inTransaction("migrate", migrator::migrate));
    }
  }

  @Test
  void aDatabaseNewerThanTheCodeIsRefused() throws SQLException {
    JdbcFleetStore.open(url()).close();
    execute("INSERT INTO schema_version VALUES (99, 'from the future', 0)");

    StoreException failure = assertThrows(StoreException.class, () -> JdbcFleetStore.open(url()));

    String message = failure.getMessage();
    assertTrue(message.startsWith("could not open store at " + url() + ": "), message);
    assertTrue(message.contains("version 99"), message);
    assertTrue(message.contains("newer"), message);
  }

  @Test
  void sqliteRunsInWalModeWithBusyTimeoutAndForeignKeys() throws SQLException {
    JdbcFleetStore.open(url()).close();
    try (Connection connection =
        DriverManager.getConnection(url(), SqlDialect.SQLITE.connectionProperties())) {
      assertEquals("wal", pragma(connection, "journal_mode"));
      assertEquals("5000", pragma(connection, "busy_timeout"));
      assertEquals("1", pragma(connection, "foreign_keys"));
    }
  }

  @Test
  void theAuditLogRefusesUpdatesAndDeletes() throws SQLException {
    try (JdbcFleetStore store = JdbcFleetStore.open(url())) {
      store.appendAudit(new AuditEntry(Instant.EPOCH, "cli", "destroy", "instance 7", "ok"));
    }

    SQLException update =
        assertThrows(SQLException.class, () -> execute("UPDATE audit_log SET outcome = 'forged'"));
    SQLException delete = assertThrows(SQLException.class, () -> execute("DELETE FROM audit_log"));

    assertTrue(update.getMessage().contains("append-only"), update.getMessage());
    assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
    assertEquals(List.of("ok"), query("SELECT outcome FROM audit_log"));
  }

  @Test
  void knownMigrationsAreNumberedOneByOne() {
    for (int i = 0; i < Migration.KNOWN.size(); i++) {
      assertEquals(i + 1, Migration.KNOWN.get(i).version());
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void everyDialectShipsExactlyTheKnownMigrations(SqlDialect dialect) throws IOException {
    Path folder = Path.of("src/main/resources", dialect.migrationFolder());
    List<String> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.map(p -> p.getFileName().toString()).sorted().toList();
    }

    assertEquals(Migration.KNOWN.stream().map(Migration::fileName).sorted().toList(), files);
  }

  private List<String> versionRows() throws SQLException {
    return query("SELECT version, description FROM schema_version ORDER BY version");
  }

  private List<String> query(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> lines = new ArrayList<>();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<String> values = new ArrayList<>();
        for (int column = 1; column <= columns; column++) {
          values.add(rows.getString(column));
        }
        lines.add(String.join(" ", values));
      }
      return lines;
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA " + name)) {
      row.next();
      return row.getString(1);
    }
  }
}
