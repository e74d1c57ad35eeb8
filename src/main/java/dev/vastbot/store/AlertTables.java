package dev.vastbot.store;

import dev.vastbot.fleet.AlertThread;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL for {@code alert_incidents}; runs inside the caller's transaction. An incident is opened
 * only when it is not open already, so two passes cannot both open it.
 */
final class AlertTables {
  private static final String COLUMNS = "incident, thread_key, opened_at, resolved_at, last_mentioned_at";

  boolean open(Connection connection, AlertThread thread) throws SQLException {
    Optional<AlertThread> existing = byIncident(connection, thread.incident());
    if (existing.isPresent() && existing.get().open()) {
      return false;
    }
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM alert_incidents WHERE incident = ?")) {
      TextColumns.bind(delete, 1, thread.incident(), TextColumns.FIELD);
      delete.executeUpdate();
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_incidents (" + COLUMNS
        + ") VALUES (?, ?, ?, NULL, ?)")) {
      TextColumns.bind(insert, 1, thread.incident(), TextColumns.FIELD);
      TextColumns.bind(insert, 2, thread.threadKey(), TextColumns.FIELD);
      TimeColumns.bind(insert, 3, thread.openedAt());
      TimeColumns.bind(insert, 4, thread.lastMentionedAt());
      insert.executeUpdate();
    }
    return true;
  }

  Optional<AlertThread> byIncident(Connection connection, String incident) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM alert_incidents WHERE incident = ?")) {
      TextColumns.bind(query, 1, incident, TextColumns.FIELD);
      return read(query).stream().findFirst();
    }
  }

  List<AlertThread> open(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM alert_incidents WHERE resolved_at IS NULL ORDER BY opened_at, incident")) {
      return read(query);
    }
  }

  void markMentioned(Connection connection, String incident, Instant at) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE alert_incidents SET last_mentioned_at = ? WHERE incident = ? AND resolved_at IS NULL")) {
      TimeColumns.bind(update, 1, at);
      TextColumns.bind(update, 2, incident, TextColumns.FIELD);
      update.executeUpdate();
    }
  }

  boolean resolve(Connection connection, String incident, Instant at) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE alert_incidents SET resolved_at = ? WHERE incident = ? AND resolved_at IS NULL")) {
      TimeColumns.bind(update, 1, at);
      TextColumns.bind(update, 2, incident, TextColumns.FIELD);
      return update.executeUpdate() == 1;
    }
  }

  private static List<AlertThread> read(PreparedStatement query) throws SQLException {
    var threads = new ArrayList<AlertThread>();
    try (ResultSet row = query.executeQuery()) {
      while (row.next()) {
        threads.add(new AlertThread(row.getString("incident"), row.getString("thread_key"),
            TimeColumns.read(row, "opened_at"), TimeColumns.read(row, "resolved_at"),
            TimeColumns.read(row, "last_mentioned_at")));
      }
    }
    return threads;
  }
}
