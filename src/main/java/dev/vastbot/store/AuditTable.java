package dev.vastbot.store;

import dev.vastbot.fleet.AuditEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL for the {@code audit_log} table; runs inside the caller's transaction. Only inserts and
 * reads: the database's triggers refuse updates and deletes.
 */
final class AuditTable {

  void append(Connection connection, AuditEntry entry) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_log (at, actor, action, target, outcome) VALUES (?, ?, ?, ?, ?)")) {
      TimeColumns.bind(insert, 1, entry.at());
      TextColumns.bind(insert, 2, entry.actor(), TextColumns.FIELD);
      TextColumns.bind(insert, 3, entry.action(), TextColumns.FIELD);
      TextColumns.bind(insert, 4, entry.target(), TextColumns.FIELD);
      TextColumns.bind(insert, 5, entry.outcome(), TextColumns.DETAIL);
      insert.executeUpdate();
    }
  }

  /** The newest first: by time, then by insertion order for entries of the same millisecond. */
  List<AuditEntry> recent(Connection connection, int limit) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT at, actor, action, target, outcome FROM audit_log "
                + "ORDER BY at DESC, id DESC LIMIT ?")) {
      query.setInt(1, limit);
      try (ResultSet rows = query.executeQuery()) {
        List<AuditEntry> entries = new ArrayList<>();
        while (rows.next()) {
          entries.add(
              new AuditEntry(
                  TimeColumns.read(rows, "at"),
                  rows.getString("actor"),
                  rows.getString("action"),
                  rows.getString("target"),
                  rows.getString("outcome")));
        }
        return entries;
      }
    }
  }
}
