package dev.vastbot.store;

import dev.vastbot.fleet.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * What differs between the databases the store runs on. Everything else, the SQL that the store's
 * parts ({@link JdbcFleetStore}) run at run time, is written once in the subset both understand ({@code INSERT
 * ... ON CONFLICT ... DO UPDATE}, {@code INSERT ... RETURNING id}, {@code LIMIT ?}); id generation
 * and the append-only triggers live in each dialect's migration files.
 */
enum SqlDialect {
  /** A local file; the default. Meant for one process, though WAL lets several share it. */
  SQLITE("sqlite") {
    /** How long a writer waits for another process's write lock before failing. */
    private static final String BUSY_TIMEOUT_MILLIS = "5000";

    @Override
    Properties connectionProperties() {
      // Read by sqlite-jdbc when it opens the file: these are its pragma names.
      Properties properties = new Properties();
      properties.setProperty("journal_mode", "WAL");
      properties.setProperty("busy_timeout", BUSY_TIMEOUT_MILLIS);
      properties.setProperty("foreign_keys", "true");
      return properties;
    }

    @Override
    String beginTransaction() {
      // Take the write lock up front (waiting up to busy_timeout), so that a transaction never
      // fails half-way trying to upgrade a read snapshot that another process has outdated.
      return "BEGIN IMMEDIATE";
    }

    @Override
    String beginReadTransaction() {
      // A deferred transaction that only reads takes no write lock: in WAL mode it reads the last
      // committed state while a writer on another connection goes on.
      return "BEGIN DEFERRED";
    }

    @Override
    void prepareLocation(JdbcUrl url) {
      Path parent = url.sqliteFile().map(Path::toAbsolutePath).map(Path::getParent).orElse(null);
      if (parent == null) {
        return;
      }
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new StoreException("could not create folder " + parent + " (" + e + ")", e);
      }
    }

    @Override
    void lockForMigration(Connection connection) {
      // Nothing to do: BEGIN IMMEDIATE already holds the database's write lock.
    }

    @Override
    void lockReservations(Connection connection) {
      // Nothing to do: BEGIN IMMEDIATE already holds the database's write lock, for every process.
    }
  },

  /** A server shared by several bot processes. */
  POSTGRESQL("postgresql") {
    /** An arbitrary application-wide key for the advisory lock that serialises migrations. */
    private static final long MIGRATION_LOCK_KEY = 0x7661_7374_626f_74L;

    @Override
    Properties connectionProperties() {
      return new Properties();
    }

    @Override
    String beginTransaction() {
      return "BEGIN";
    }

    @Override
    String beginReadTransaction() {
      return "BEGIN READ ONLY";
    }

    @Override
    void prepareLocation(JdbcUrl url) {
      // The server owns its storage.
    }

    @Override
    void lockForMigration(Connection connection) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_KEY + ")");
      }
    }

    @Override
    void lockReservations(Connection connection) throws SQLException {
      // A row lock rather than an advisory one: it lives in the schema (an advisory key is
      // database-wide, so two bots in two schemas of one database would serialise each other, and
      // the key could collide with another application's), it shows in pg_locks by table, and it
      // goes with the transaction like the data it guards.
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT id FROM reservation_lock WHERE id = 1 FOR UPDATE");
      }
    }
  };

  private final String scheme;

  SqlDialect(String scheme) {
    this.scheme = scheme;
  }

  /** The dialect for a URL, or a {@link StoreException} naming the schemes that are supported. */
  static SqlDialect forUrl(JdbcUrl url) {
    for (SqlDialect dialect : values()) {
      if (url.hasScheme(dialect.scheme)) {
        return dialect;
      }
    }
    throw new StoreException(
        "unsupported database (expected jdbc:sqlite:<file> or jdbc:postgresql:...)", null);
  }

  /** The classpath folder holding this dialect's {@code V<n>__<description>.sql} files. */
  String migrationFolder() {
    return "db/migration/" + scheme;
  }

  /** Driver properties (pragmas and the like) to open a connection with. */
  abstract Properties connectionProperties();

  /**
   * The statement that opens a transaction on a connection left in auto-commit mode; {@code
   * COMMIT} and {@code ROLLBACK} end it. (sqlite-jdbc's own non-auto-commit mode begins the next
   * transaction as soon as one ends, which would hold SQLite's write lock while idle.)
   */
  abstract String beginTransaction();

  /**
   * The statement that opens a transaction that only reads: it never waits for, nor holds, the
   * write lock a {@link #beginTransaction()} transaction takes, and sees what was committed.
   */
  abstract String beginReadTransaction();

  /** Makes the database reachable before connecting, e.g. creates a SQLite file's folders. */
  abstract void prepareLocation(JdbcUrl url);

  /**
   * Serialises concurrent migrations from several processes; called inside the migration
   * transaction, the lock ends with it.
   */
  abstract void lockForMigration(Connection connection) throws SQLException;

  /**
   * Serialises every transaction that changes what is committed against instance caps and budgets
   * (reservations, instances created under them, observations of the fleet), across processes;
   * called first inside the transaction, the lock ends with it. Under PostgreSQL's READ COMMITTED
   * each later statement then reads what the previous holder committed.
   */
  abstract void lockReservations(Connection connection) throws SQLException;
}
