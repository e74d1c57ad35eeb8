package dev.vastbot.store;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.TrackedInstance;
import dev.vastbot.fleet.cost.SpendLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The SQL for the {@code instances} table; runs inside the caller's transaction. */
final class InstanceTable {
  private static final String COLUMNS =
      "id, label, gpu_name, num_gpus, status, first_seen, last_seen, gone_at";

  private static final String UPSERT =
      "INSERT INTO instances (" + COLUMNS + ", rate_per_hour) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?) "
          + "ON CONFLICT (id) DO UPDATE SET "
          + "label = excluded.label, gpu_name = excluded.gpu_name, num_gpus = excluded.num_gpus, "
          + "status = excluded.status, last_seen = excluded.last_seen, gone_at = NULL, "
          + "rate_per_hour = excluded.rate_per_hour, unlisted_until = NULL";

  /**
   * Upserts every observed instance (with the rate it commits to, {@link
   * SpendLedger#committedRate}) and marks each present instance that was not observed as gone at
   * {@code observedAt}; instances already gone keep their first {@code gone_at}. An instance a rent
   * created that no list has shown yet is not marked gone before its {@code unlisted_until}: the
   * list may have been taken before the create.
   */
  void recordObservation(Connection connection, List<Instance> observed, Instant observedAt)
      throws SQLException {
    Set<Long> observedIds = new HashSet<>();
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
      for (Instance instance : observed) {
        observedIds.add(instance.id());
        upsert.setLong(1, instance.id());
        TextColumns.bind(upsert, 2, instance.label(), TextColumns.FIELD);
        TextColumns.bind(upsert, 3, instance.gpuName(), TextColumns.FIELD);
        upsert.setInt(4, instance.numGpus());
        TextColumns.bind(upsert, 5, instance.displayStatus(), TextColumns.FIELD);
        TimeColumns.bind(upsert, 6, observedAt);
        TimeColumns.bind(upsert, 7, observedAt);
        upsert.setDouble(8, SpendLedger.committedRate(instance));
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
    List<Long> vanished = new ArrayList<>();
    try (PreparedStatement present = connection.prepareStatement("SELECT id FROM instances "
        + "WHERE gone_at IS NULL AND (unlisted_until IS NULL OR unlisted_until <= ?)")) {
      TimeColumns.bind(present, 1, observedAt);
      try (ResultSet rows = present.executeQuery()) {
        while (rows.next()) {
          long id = rows.getLong("id");
          if (!observedIds.contains(id)) {
            vanished.add(id);
          }
        }
      }
    }
    try (PreparedStatement markGone =
        connection.prepareStatement(
            "UPDATE instances SET gone_at = ? WHERE id = ? AND gone_at IS NULL")) {
      for (long id : vanished) {
        TimeColumns.bind(markGone, 1, observedAt);
        markGone.setLong(2, id);
        markGone.addBatch();
      }
      markGone.executeBatch();
    }
  }

  /** Sets the instance's {@code gone_at}, once. */
  void recordGone(Connection connection, long id, Instant at) throws SQLException {
    try (PreparedStatement markGone =
        connection.prepareStatement("UPDATE instances SET gone_at = ? WHERE id = ? AND gone_at IS NULL")) {
      TimeColumns.bind(markGone, 1, at);
      markGone.setLong(2, id);
      markGone.executeUpdate();
    }
  }

  List<TrackedInstance> all(Connection connection) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement("SELECT " + COLUMNS + " FROM instances ORDER BY id");
        ResultSet rows = query.executeQuery()) {
      List<TrackedInstance> instances = new ArrayList<>();
      while (rows.next()) {
        instances.add(read(rows));
      }
      return instances;
    }
  }

  Optional<TrackedInstance> byId(Connection connection, long id) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM instances WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  private static TrackedInstance read(ResultSet row) throws SQLException {
    return new TrackedInstance(
        row.getLong("id"),
        row.getString("label"),
        row.getString("gpu_name"),
        row.getInt("num_gpus"),
        row.getString("status"),
        TimeColumns.read(row, "first_seen"),
        TimeColumns.read(row, "last_seen"),
        TimeColumns.read(row, "gone_at"));
  }
}
