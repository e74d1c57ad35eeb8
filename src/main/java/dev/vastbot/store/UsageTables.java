package dev.vastbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The SQL for what each host does with its GPUs: since when they are idle ({@code gpu_idle}) and
 * the games its probe counted in the last hour ({@code games_rates}). Runs inside the caller's
 * transaction.
 */
final class UsageTables {

  Optional<Instant> recordGpuIdle(Connection connection, long instanceId, boolean idle, Instant at)
      throws SQLException {
    if (!idle) {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM gpu_idle WHERE instance_id = ?")) {
        delete.setLong(1, instanceId);
        delete.executeUpdate();
      }
      return Optional.empty();
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO gpu_idle (instance_id, idle_since) VALUES (?, ?) ON CONFLICT (instance_id) DO NOTHING")) {
      insert.setLong(1, instanceId);
      TimeColumns.bind(insert, 2, at);
      insert.executeUpdate();
    }
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT idle_since FROM gpu_idle WHERE instance_id = ?")) {
      query.setLong(1, instanceId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(TimeColumns.read(rows, "idle_since")) : Optional.empty();
      }
    }
  }

  void recordGames(Connection connection, long instanceId, int games, Instant at) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO games_rates (instance_id, "
        + "games_last_hour, measured_at) VALUES (?, ?, ?) ON CONFLICT (instance_id) DO UPDATE SET "
        + "games_last_hour = excluded.games_last_hour, measured_at = excluded.measured_at")) {
      upsert.setLong(1, instanceId);
      upsert.setInt(2, games);
      TimeColumns.bind(upsert, 3, at);
      upsert.executeUpdate();
    }
  }

  Optional<Integer> games(Connection connection, long instanceId, Instant since) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT games_last_hour, measured_at FROM games_rates WHERE instance_id = ?")) {
      query.setLong(1, instanceId);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next() || TimeColumns.read(rows, "measured_at").isBefore(since)) {
          return Optional.empty();
        }
        return Optional.of(rows.getInt("games_last_hour"));
      }
    }
  }

  Optional<Instant> gpuIdleSince(Connection connection, long instanceId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT idle_since FROM gpu_idle WHERE instance_id = ?")) {
      query.setLong(1, instanceId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(TimeColumns.read(rows, "idle_since")) : Optional.empty();
      }
    }
  }
}
