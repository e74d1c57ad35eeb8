package dev.vastbot.store;

import dev.vastbot.fleet.autoscale.DemandReading;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL for the autoscaler groups' recent demand readings ({@code demand_readings}, V10); runs
 * inside the caller's transaction. A group keeps one reading a moment, and only its recent ones.
 */
final class DemandTable {

  void record(Connection connection, String group, DemandReading reading, Instant keepSince) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO demand_readings (group_name, at,"
        + " queued_games) VALUES (?, ?, ?) ON CONFLICT (group_name, at) DO UPDATE SET"
        + " queued_games = excluded.queued_games")) {
      TextColumns.bind(upsert, 1, group, TextColumns.FIELD);
      TimeColumns.bind(upsert, 2, reading.at());
      upsert.setDouble(3, reading.queuedGames());
      upsert.executeUpdate();
    }
    try (PreparedStatement prune = connection.prepareStatement(
        "DELETE FROM demand_readings WHERE group_name = ? AND at < ?")) {
      TextColumns.bind(prune, 1, group, TextColumns.FIELD);
      TimeColumns.bind(prune, 2, keepSince);
      prune.executeUpdate();
    }
  }

  List<DemandReading> readings(Connection connection, String group) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT at, queued_games FROM demand_readings WHERE group_name = ? ORDER BY at")) {
      TextColumns.bind(query, 1, group, TextColumns.FIELD);
      try (ResultSet rows = query.executeQuery()) {
        var readings = new ArrayList<DemandReading>();
        while (rows.next()) {
          readings.add(new DemandReading(TimeColumns.read(rows, "at"), rows.getDouble("queued_games")));
        }
        return readings;
      }
    }
  }
}
