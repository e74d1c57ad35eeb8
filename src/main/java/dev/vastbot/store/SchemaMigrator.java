package dev.vastbot.store;

import dev.vastbot.fleet.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * Brings a database's schema up to {@link Migration#latestVersion()}: in one transaction it reads
 * the version recorded in {@code schema_version}, refuses a database newer than this code, and
 * applies each missing migration in order, recording it. An up-to-date database is left untouched.
 */
final class SchemaMigrator {
  private static final String CREATE_VERSION_TABLE =
      "CREATE TABLE IF NOT EXISTS schema_version ("
          + "version INTEGER PRIMARY KEY, "
          + "description TEXT NOT NULL, "
          + "applied_at BIGINT NOT NULL)";

  private final SqlDialect dialect;
  private final Clock clock;

  SchemaMigrator(SqlDialect dialect, Clock clock) {
    this.dialect = dialect;
    this.clock = clock;
  }

  /**
   * Migrates inside the caller's transaction, which must be the whole unit: a failure leaves the
   * schema as it was only once the caller rolls back.
   *
   * @return the migrations applied, empty when the schema was already current
   */
  List<Migration> migrate(Connection connection) throws SQLException {
    dialect.lockForMigration(connection);
    try (Statement statement = connection.createStatement()) {
      statement.execute(CREATE_VERSION_TABLE);
    }
    int current = currentVersion(connection);
    if (current > Migration.latestVersion()) {
      throw new StoreException(
          "the database schema is at version " + current + ", newer than this vastbot knows (up to "
              + Migration.latestVersion() + "); run a newer vastbot against it",
          null);
    }
    List<Migration> pending =
        Migration.KNOWN.stream().filter(migration -> migration.version() > current).toList();
    for (Migration migration : pending) {
      apply(connection, migration);
    }
    return pending;
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
      row.next();
      return row.getInt(1);
    }
  }

  private void apply(Connection connection, Migration migration) {
    String name = migration.fileName() + " (" + dialect.migrationFolder() + ")";
    try {
      for (String sql : new SqlScript(load(migration)).statements()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(sql);
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
        insert.setInt(1, migration.version());
        insert.setString(2, migration.description());
        insert.setLong(3, clock.millis());
        insert.executeUpdate();
      }
    } catch (SQLException | IllegalArgumentException | UncheckedIOException e) {
      throw new StoreException("could not apply migration " + name + ": " + e.getMessage(), e);
    }
  }

  private String load(Migration migration) {
    String resource = migration.resourceIn(dialect);
    try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing resource " + resource));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
