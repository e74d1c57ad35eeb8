package dev.vastbot.store;

import dev.vastbot.fleet.HealthStreak;
import dev.vastbot.fleet.LoopTick;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The SQL for the tables of schema version 2: host-key pins, health streaks and loop ticks. Runs
 * inside the caller's transaction. Portable SQL only (upserts with ON CONFLICT).
 */
final class RemoteStateTables {

  Optional<String> pinnedKey(Connection connection, long instanceId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT public_key FROM host_key_pins WHERE instance_id = ?")) {
      query.setLong(1, instanceId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  void pin(Connection connection, long instanceId, String publicKey, Instant at) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO host_key_pins (instance_id, public_key, pinned_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (instance_id) DO NOTHING")) {
      insert.setLong(1, instanceId);
      insert.setString(2, publicKey);
      TimeColumns.bind(insert, 3, at);
      insert.executeUpdate();
    }
  }

  void unpin(Connection connection, long instanceId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM host_key_pins WHERE instance_id = ?")) {
      delete.setLong(1, instanceId);
      delete.executeUpdate();
    }
  }

  HealthStreak recordHealthCheck(Connection connection, long instanceId, boolean healthy, String level,
      Instant at) throws SQLException {
    int failures = healthy ? 0 : streak(connection, instanceId).map(HealthStreak::consecutiveFailures).orElse(0) + 1;
    try (PreparedStatement upsert = connection.prepareStatement(
        "INSERT INTO health_streaks (instance_id, consecutive_failures, last_level, last_checked) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (instance_id) DO UPDATE SET "
            + "consecutive_failures = excluded.consecutive_failures, last_level = excluded.last_level, "
            + "last_checked = excluded.last_checked")) {
      upsert.setLong(1, instanceId);
      upsert.setInt(2, failures);
      TextColumns.bind(upsert, 3, level, TextColumns.FIELD);
      TimeColumns.bind(upsert, 4, at);
      upsert.executeUpdate();
    }
    return new HealthStreak(instanceId, failures, level, at);
  }

  Optional<HealthStreak> streak(Connection connection, long instanceId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT consecutive_failures, last_level, last_checked FROM health_streaks WHERE instance_id = ?")) {
      query.setLong(1, instanceId);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(new HealthStreak(instanceId, rows.getInt("consecutive_failures"),
            rows.getString("last_level"), TimeColumns.read(rows, "last_checked")));
      }
    }
  }

  void recordLoopTick(Connection connection, LoopTick tick) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(
        "INSERT INTO loop_ticks (loop_name, started_at, finished_at, ok, outcome) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (loop_name) DO UPDATE SET started_at = excluded.started_at, "
            + "finished_at = excluded.finished_at, ok = excluded.ok, outcome = excluded.outcome")) {
      upsert.setString(1, tick.loop());
      TimeColumns.bind(upsert, 2, tick.startedAt());
      TimeColumns.bind(upsert, 3, tick.finishedAt());
      upsert.setInt(4, tick.ok() ? 1 : 0);
      TextColumns.bind(upsert, 5, tick.outcome(), TextColumns.DETAIL);
      upsert.executeUpdate();
    }
  }

  Optional<LoopTick> lastLoopTick(Connection connection, String loop) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT started_at, finished_at, ok, outcome FROM loop_ticks WHERE loop_name = ?")) {
      query.setString(1, loop);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(new LoopTick(loop, TimeColumns.read(rows, "started_at"),
            TimeColumns.read(rows, "finished_at"), rows.getInt("ok") == 1, rows.getString("outcome")));
      }
    }
  }
}
