package dev.vastbot.store;

import dev.vastbot.fleet.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One JDBC connection that runs one transaction at a time: callers from any thread queue on a
 * lock. Enough for SQLite, which has one writer per database anyway; a pool can replace this for
 * PostgreSQL without touching the SQL. The connection stays in auto-commit mode while idle, and
 * each transaction is opened with the dialect's {@link SqlDialect#beginTransaction()} (for a
 * connection {@link #forReads}, {@link SqlDialect#beginReadTransaction()}) and closed with {@code
 * COMMIT} or {@code ROLLBACK}.
 */
final class SerializedConnection implements AutoCloseable {

  /** Work done inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Connection connection;
  private final String begin;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed; // guarded by lock

  /** Takes over a connection in auto-commit mode; {@link #close()} closes it. */
  SerializedConnection(Connection connection, SqlDialect dialect) {
    this(connection, dialect.beginTransaction());
  }

  private SerializedConnection(Connection connection, String begin) {
    this.connection = connection;
    this.begin = begin;
  }

  /**
   * A connection whose transactions only read ({@link SqlDialect#beginReadTransaction()}): they
   * never wait for another connection's writes. Work that writes through it fails on PostgreSQL
   * and must not be given to it.
   */
  static SerializedConnection forReads(Connection connection, SqlDialect dialect) {
    return new SerializedConnection(connection, dialect.beginReadTransaction());
  }

  /**
   * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws.
   * SQL failures surface as a {@link StoreException} saying "could not {@code what}: ...".
   */
  <T> T inTransaction(String what, Work<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new StoreException("could not " + what + ": the store is closed", null);
      }
      try {
        execute(begin);
      } catch (SQLException e) {
        throw new StoreException("could not " + what + ": " + e.getMessage(), e);
      }
      try {
        T result = work.run(connection);
        execute("COMMIT");
        return result;
      } catch (SQLException e) {
        rollback(e);
        throw new StoreException("could not " + what + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        rollback(e);
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Closes the connection; later transactions fail with a {@link StoreException}. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("could not close the store: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private void rollback(Exception failure) {
    try {
      execute("ROLLBACK");
    } catch (SQLException rollbackFailure) {
      failure.addSuppressed(rollbackFailure);
    }
  }
}
