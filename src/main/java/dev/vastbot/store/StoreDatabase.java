package dev.vastbot.store;

import dev.vastbot.fleet.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

/**
 * The database the store's parts ({@link JdbcOperationJournal}, {@link JdbcApprovalStore}, ...)
 * share: a SQLite file by default ({@code jdbc:sqlite:<path>}), PostgreSQL ({@code
 * jdbc:postgresql:...}) for several replicas.
 *
 * <p>{@link #open} creates a SQLite file's folders, connects, and brings the schema up to date
 * with the versioned migrations under {@code db/migration/<dialect>/}. SQLite runs in WAL mode
 * with a busy timeout and foreign keys on, and takes its write lock when a transaction begins.
 *
 * <p>Thread-safe: one connection for writes runs one transaction at a time ({@link #writes()}).
 * The reads that commands answer from at once run on a second connection whose transactions only
 * read ({@link #reads()}), so they never queue behind a writer: SQLite in WAL mode and PostgreSQL
 * both let a reader see the last commit while a writer goes on. An in-memory SQLite database (one
 * per connection) uses the one connection for both. Times are stored as epoch milliseconds (UTC).
 */
public final class StoreDatabase implements AutoCloseable {
  private static final String DEFAULT_FILE_NAME = "vastbot.db";

  private final SerializedConnection writes;
  private final SerializedConnection reads;
  private final SqlDialect dialect;

  private StoreDatabase(SerializedConnection writes, SerializedConnection reads, SqlDialect dialect) {
    this.writes = writes;
    this.reads = reads;
    this.dialect = dialect;
  }

  /**
   * Opens (creating if needed) and migrates the database at a JDBC URL.
   *
   * @throws StoreException naming the URL, without its password, when the location cannot be
   *     created or reached, the URL's database is not supported, a migration fails, or the
   *     database's schema is newer than this code
   */
  public static StoreDatabase open(String jdbcUrl) {
    JdbcUrl url = new JdbcUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
    Connection connection = null;
    Connection readConnection = null;
    try {
      SqlDialect dialect = SqlDialect.forUrl(url);
      dialect.prepareLocation(url);
      connection = DriverManager.getConnection(url.value(), dialect.connectionProperties());
      SerializedConnection serialized = new SerializedConnection(connection, dialect);
      SchemaMigrator migrator = new SchemaMigrator(dialect, Clock.systemUTC());
      serialized.inTransaction("migrate the schema", migrator::migrate);
      if (dialect == SqlDialect.SQLITE && url.sqliteFile().isEmpty()) {
        return new StoreDatabase(serialized, serialized, dialect);
      }
      readConnection = DriverManager.getConnection(url.value(), dialect.connectionProperties());
      return new StoreDatabase(serialized, SerializedConnection.forReads(readConnection, dialect), dialect);
    } catch (SQLException | StoreException e) {
      closeAfterFailure(readConnection, e);
      closeAfterFailure(connection, e);
      throw new StoreException(
          "could not open store at " + url.redacted() + ": " + url.scrub(e.getMessage()), e);
    }
  }

  /** The default database: the SQLite file {@code vastbot.db} in {@code varDir}. */
  public static String defaultUrl(Path varDir) {
    return "jdbc:sqlite:" + varDir.resolve(DEFAULT_FILE_NAME);
  }

  /** The connection for every write, and for reads that must see a transaction's own writes. */
  SerializedConnection writes() {
    return writes;
  }

  /** Reads that must not wait for writers; the same as {@link #writes()} for an in-memory database. */
  SerializedConnection reads() {
    return reads;
  }

  SqlDialect dialect() {
    return dialect;
  }

  /** Closes both connections. Idempotent; any later call of a part fails with a {@link StoreException}. */
  @Override
  public void close() {
    try {
      writes.close();
    } finally {
      if (reads != writes) {
        reads.close();
      }
    }
  }

  /** Rejects a negative row limit, as every "the newest N" read does. */
  static void requireNonNegative(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
  }

  private static void closeAfterFailure(Connection connection, Exception failure) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException closeFailure) {
      failure.addSuppressed(closeFailure);
    }
  }
}
