package dev.vastbot.store;

import dev.vastbot.fleet.OpenSetup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL for instances' set-ups ({@code instance_setups}, V9): one row per instance, its latest
 * set-up; in progress while {@code ended_at} is NULL. Runs inside the caller's transaction.
 */
final class SetupTable {
  /** The outcome of an overdue set-up once the instance was seen healthy. */
  static final String HEALTHY_AFTER_OVERDUE = "overdue, healthy later";

  void start(Connection connection, long instanceId, String kind, Instant at) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO instance_setups (instance_id, kind,"
        + " started_at, ended_at, outcome) VALUES (?, ?, ?, NULL, NULL) ON CONFLICT (instance_id) DO UPDATE SET"
        + " kind = excluded.kind, started_at = excluded.started_at, ended_at = NULL, outcome = NULL")) {
      upsert.setLong(1, instanceId);
      TextColumns.bind(upsert, 2, kind, TextColumns.FIELD);
      TimeColumns.bind(upsert, 3, at);
      upsert.executeUpdate();
    }
  }

  /**
   * Ends {@code setup} only if it is the instance's set-up (same kind and start) and still in
   * progress; whether this call ended it.
   */
  boolean end(Connection connection, OpenSetup setup, String outcome, Instant at) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE instance_setups SET ended_at = ?,"
        + " outcome = ? WHERE instance_id = ? AND kind = ? AND started_at = ? AND ended_at IS NULL")) {
      TimeColumns.bind(update, 1, at);
      TextColumns.bind(update, 2, outcome, TextColumns.FIELD);
      update.setLong(3, setup.instanceId());
      TextColumns.bind(update, 4, setup.kind(), TextColumns.FIELD);
      TimeColumns.bind(update, 5, setup.startedAt());
      return update.executeUpdate() == 1;
    }
  }

  /** Instances whose latest set-up ended overdue, not yet seen healthy since. */
  java.util.Set<Long> overdue(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT instance_id FROM instance_setups"
        + " WHERE outcome = ?")) {
      TextColumns.bind(query, 1, OpenSetup.OVERDUE, TextColumns.FIELD);
      try (ResultSet rows = query.executeQuery()) {
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        while (rows.next()) {
          ids.add(rows.getLong("instance_id"));
        }
        return ids;
      }
    }
  }

  /** Marks an overdue set-up as followed by a healthy check; whether this call did. */
  boolean clearOverdue(Connection connection, long instanceId) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE instance_setups SET outcome = ?"
        + " WHERE instance_id = ? AND outcome = ?")) {
      TextColumns.bind(update, 1, HEALTHY_AFTER_OVERDUE, TextColumns.FIELD);
      update.setLong(2, instanceId);
      TextColumns.bind(update, 3, OpenSetup.OVERDUE, TextColumns.FIELD);
      return update.executeUpdate() == 1;
    }
  }

  List<OpenSetup> open(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT instance_id, kind, started_at FROM"
        + " instance_setups WHERE ended_at IS NULL ORDER BY started_at, instance_id");
        ResultSet rows = query.executeQuery()) {
      List<OpenSetup> setups = new ArrayList<>();
      while (rows.next()) {
        setups.add(new OpenSetup(rows.getLong("instance_id"), rows.getString("kind"),
            TimeColumns.read(rows, "started_at")));
      }
      return setups;
    }
  }
}
