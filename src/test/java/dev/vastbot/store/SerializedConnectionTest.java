package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerializedConnectionTest {
  @TempDir Path dir;
  private SerializedConnection connection;

  @BeforeEach
  void open() throws SQLException {
    Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
    connection = new SerializedConnection(raw, SqlDialect.SQLITE);
    connection.inTransaction("create", c -> execute(c, "CREATE TABLE t (x INTEGER NOT NULL)"));
  }

  @AfterEach
  void close() {
    connection.close();
  }

  @Test
  void aFailingUnitOfWorkIsRolledBackAndRethrown() {
    IllegalStateException boom = new IllegalStateException("boom");

    IllegalStateException thrown =
        assertThrows(IllegalStateException.class,
            () -> connection.inTransaction("insert", c -> {
              execute(c, "INSERT INTO t VALUES (1)");
              throw boom;
            }));

    assertSame(boom, thrown);
    assertEquals(0, count());
  }

  @Test
  void anSqlFailureBecomesAStoreExceptionSayingWhatFailed() {
    StoreException failure =
        assertThrows(StoreException.class,
            () -> connection.inTransaction("insert a row", c -> {
              execute(c, "INSERT INTO t VALUES (1)");
              return execute(c, "INSERT INTO t VALUES (NULL)");
            }));

    assertTrue(failure.getMessage().startsWith("could not insert a row: "), failure.getMessage());
    assertEquals(0, count());
  }

  @Test
  void anIdleConnectionHoldsNoLockOnTheDatabase() throws SQLException {
    connection.inTransaction("insert", c -> execute(c, "INSERT INTO t VALUES (1)"));

    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
        Statement statement = other.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 0");
      statement.execute("BEGIN IMMEDIATE");
      statement.execute("INSERT INTO t VALUES (2)");
      statement.execute("COMMIT");
    }
    assertEquals(2, count());
  }

  private int count() {
    return connection.inTransaction("count", c -> {
      try (Statement statement = c.createStatement();
          ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM t")) {
        row.next();
        return row.getInt(1);
      }
    });
  }

  private static Boolean execute(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement()) {
      return statement.execute(sql);
    }
  }
}
