package dev.vastbot.store;

import dev.vastbot.fleet.Replacement;
import dev.vastbot.fleet.autoscale.PoolMember;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL for the autoscaler's memory ({@code autoscale_members}, {@code autoscale_marks}, {@code
 * autoscale_replacements}) and the warm pool; runs inside the caller's transaction. A member row is
 * written once (the first group an instance is given stays).
 */
final class AutoscaleTables {

  String assignGroup(Connection connection, long instanceId, String group, Instant at) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO autoscale_members "
        + "(instance_id, group_name, since) VALUES (?, ?, ?) ON CONFLICT (instance_id) DO NOTHING")) {
      insert.setLong(1, instanceId);
      TextColumns.bind(insert, 2, group, TextColumns.FIELD);
      TimeColumns.bind(insert, 3, at);
      insert.executeUpdate();
    }
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT group_name FROM autoscale_members WHERE instance_id = ?")) {
      query.setLong(1, instanceId);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  Map<Long, String> groups(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT instance_id, group_name FROM autoscale_members ORDER BY instance_id");
        ResultSet rows = query.executeQuery()) {
      Map<Long, String> groups = new LinkedHashMap<>();
      while (rows.next()) {
        groups.put(rows.getLong(1), rows.getString(2));
      }
      return groups;
    }
  }

  void mark(Connection connection, String group, String kind, Instant at) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO autoscale_marks (group_name, kind, at) "
        + "VALUES (?, ?, ?) ON CONFLICT (group_name, kind) DO UPDATE SET at = excluded.at")) {
      TextColumns.bind(upsert, 1, group, TextColumns.FIELD);
      TextColumns.bind(upsert, 2, kind, TextColumns.FIELD);
      TimeColumns.bind(upsert, 3, at);
      upsert.executeUpdate();
    }
  }

  Optional<Instant> lastMark(Connection connection, String group, String kind) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT at FROM autoscale_marks WHERE group_name = ? AND kind = ?")) {
      TextColumns.bind(query, 1, group, TextColumns.FIELD);
      TextColumns.bind(query, 2, kind, TextColumns.FIELD);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(TimeColumns.read(rows, "at")) : Optional.empty();
      }
    }
  }

  void startReplacement(Connection connection, Replacement replacement) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO autoscale_replacements (old_id,"
        + " new_id, group_name, since, stage, termination_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (old_id)"
        + " DO UPDATE SET new_id = excluded.new_id, group_name = excluded.group_name, since = excluded.since,"
        + " stage = excluded.stage, termination_id = excluded.termination_id")) {
      upsert.setLong(1, replacement.oldId());
      upsert.setLong(2, replacement.newId());
      TextColumns.bind(upsert, 3, replacement.group(), TextColumns.FIELD);
      TimeColumns.bind(upsert, 4, replacement.since());
      upsert.setString(5, replacement.stage().stored());
      if (replacement.termination().isPresent()) {
        upsert.setLong(6, replacement.termination().getAsLong());
      } else {
        upsert.setNull(6, java.sql.Types.BIGINT);
      }
      upsert.executeUpdate();
    }
  }

  /** Moves the replacement of {@code oldId} to {@code stage}, let go by {@code operation}; false when none. */
  boolean recordLetGo(Connection connection, long oldId, Replacement.Stage stage, long operation)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE autoscale_replacements SET stage = ?, termination_id = ? WHERE old_id = ?")) {
      update.setString(1, stage.stored());
      update.setLong(2, operation);
      update.setLong(3, oldId);
      return update.executeUpdate() > 0;
    }
  }

  List<Replacement> replacements(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT old_id, new_id, group_name, since,"
        + " stage, termination_id FROM autoscale_replacements ORDER BY since, old_id");
        ResultSet rows = query.executeQuery()) {
      var replacements = new java.util.ArrayList<Replacement>();
      while (rows.next()) {
        long termination = rows.getLong("termination_id");
        var terminationId = rows.wasNull() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(termination);
        replacements.add(new Replacement(rows.getLong("old_id"), rows.getLong("new_id"),
            rows.getString("group_name"), TimeColumns.read(rows, "since"),
            Replacement.Stage.ofStored(rows.getString("stage")), terminationId));
      }
      return replacements;
    }
  }

  void endReplacement(Connection connection, long instanceId) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM autoscale_replacements WHERE old_id = ? OR new_id = ?")) {
      delete.setLong(1, instanceId);
      delete.setLong(2, instanceId);
      delete.executeUpdate();
    }
  }

  void addPoolMember(Connection connection, PoolMember member) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO warm_pool (instance_id, group_name,"
        + " stopped_since, copied_at, disk_gb, storage_dph, running_dph) VALUES (?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (instance_id) DO UPDATE SET group_name = excluded.group_name,"
        + " stopped_since = excluded.stopped_since, copied_at = excluded.copied_at, disk_gb = excluded.disk_gb,"
        + " storage_dph = excluded.storage_dph, running_dph = excluded.running_dph")) {
      upsert.setLong(1, member.instanceId());
      TextColumns.bind(upsert, 2, member.group(), TextColumns.FIELD);
      TimeColumns.bind(upsert, 3, member.stoppedSince());
      TimeColumns.bind(upsert, 4, member.copiedAt());
      upsert.setDouble(5, member.diskGb());
      upsert.setDouble(6, member.storageDph());
      upsert.setDouble(7, member.runningDph());
      upsert.executeUpdate();
    }
  }

  List<PoolMember> poolMembers(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT instance_id, group_name, stopped_since,"
        + " copied_at, disk_gb, storage_dph, running_dph FROM warm_pool ORDER BY stopped_since, instance_id");
        ResultSet rows = query.executeQuery()) {
      var members = new java.util.ArrayList<PoolMember>();
      while (rows.next()) {
        members.add(new PoolMember(rows.getLong("instance_id"), rows.getString("group_name"),
            TimeColumns.read(rows, "stopped_since"), TimeColumns.read(rows, "copied_at"), rows.getDouble("disk_gb"),
            rows.getDouble("storage_dph"), rows.getDouble("running_dph")));
      }
      return members;
    }
  }

  boolean removePoolMember(Connection connection, long instanceId) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM warm_pool WHERE instance_id = ?")) {
      delete.setLong(1, instanceId);
      return delete.executeUpdate() == 1;
    }
  }
}
