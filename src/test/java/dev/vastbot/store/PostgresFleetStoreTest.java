package dev.vastbot.store;

import static dev.vastbot.store.JdbcFleetStoreTest.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.StoreException;
import dev.vastbot.fleet.TrackedInstance;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same store on a real PostgreSQL: the server {@code VASTBOT_TEST_POSTGRES_URL} names (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/fleet?user=bot}), else a throw-away local one (see
 * {@link LocalPostgres}); each test works in a fresh schema and drops it afterwards.
 */
class PostgresFleetStoreTest {
  static final String URL_VARIABLE = "VASTBOT_TEST_POSTGRES_URL";
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private final String serverUrl = LocalPostgres.url();
  private final String schema = "vastbot_test_" + Long.toUnsignedString(System.nanoTime(), 36);
  private String url;

  @BeforeEach
  void createSchema() throws SQLException {
    execute("CREATE SCHEMA " + schema);
    url = serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @AfterEach
  void dropSchema() throws SQLException {
    execute("DROP SCHEMA " + schema + " CASCADE");
  }

  @Test
  void remoteStateRoundTrips() {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      store.pin(5, "ssh-ed25519 AAAAfirst", T0);
      store.pin(5, "ssh-ed25519 AAAAsecond", T1);
      assertEquals("ssh-ed25519 AAAAfirst", store.pinnedKey(5).orElseThrow());
      assertEquals(1, store.recordHealthCheck(5, false, "unhealthy", T0).consecutiveFailures());
      assertEquals(2, store.recordHealthCheck(5, false, "unreachable", T1).consecutiveFailures());
      store.recordLoopTick(new dev.vastbot.fleet.LoopTick("health", T0, T1, false, "down"));
      assertEquals("down", store.lastLoopTick("health").orElseThrow().outcome());
      long op = store.startOperation("replace", "loop", "vast-5", T0);
      assertEquals(List.of(op), store.openOperations("replace").stream().map(o -> o.id()).toList());
    }
  }

  @Test
  void aSweepsChecksRecordedAtOnce_readBackAsOneHostAtATime() {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      HealthChecksRoundTrip.recordsASweepAsOneHostAtATimeWould(store);
      store.recordLoopTick(new dev.vastbot.fleet.LoopTick("health", T0, T1, true, "ok"));
      assertEquals("ok", store.lastLoopTick("health").orElseThrow().outcome(), "read on the read-only connection");
    }
  }

  @Test
  void everyMethodRoundTrips() {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      store.recordObservation(List.of(running(1), running(2)), T0);
      store.recordObservation(List.of(running(1)), T1);
      long id = store.startOperation("provision", "U1", "RTX 4090 x2", T0);
      store.updateOperation(id, OperationState.SUCCEEDED, "done", T1);
      AuditEntry entry = new AuditEntry(T0, "cli", "provision", "RTX 4090 x2", "ok");
      store.appendAudit(entry);

      assertEquals(
          List.of(
              new TrackedInstance(1, "vastbot-1", "RTX 4090", 2, "running", T0, T1, null),
              new TrackedInstance(2, "vastbot-2", "RTX 4090", 2, "running", T0, T0, T1)),
          store.trackedInstances());
      assertEquals(OperationState.SUCCEEDED, store.operation(id).orElseThrow().state());
      assertEquals(T1, store.recentOperations(5).get(0).updatedAt());
      assertEquals(List.of(entry), store.recentAudit(5));
    }
  }

  @Test
  void migrationsApplyOnceAndTheAuditLogIsAppendOnly() throws SQLException {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      store.appendAudit(new AuditEntry(T0, "cli", "destroy", "instance 7", "ok"));
    }
    JdbcFleetStore.open(url).close();

    assertEquals(Migration.latestVersion(), count("schema_version"));
    for (String change : List.of("UPDATE %s.audit_log SET outcome = 'x'",
        "DELETE FROM %s.audit_log", "TRUNCATE %s.audit_log")) {
      SQLException refused =
          assertThrows(SQLException.class, () -> execute(change.formatted(schema)));
      assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
    }
    assertEquals(1, count("audit_log"));
  }

  @Test
  void aNewerSchemaIsRefused() throws SQLException {
    JdbcFleetStore.open(url).close();
    execute("INSERT INTO " + schema + ".schema_version VALUES (99, 'future', 0)");

    StoreException failure = assertThrows(StoreException.class, () -> JdbcFleetStore.open(url));
    assertTrue(failure.getMessage().contains("version 99"), failure.getMessage());
  }

  private int count(String table) throws SQLException {
    try (Connection connection = DriverManager.getConnection(serverUrl);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + schema + "." + table)) {
      row.next();
      return row.getInt(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(serverUrl);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
