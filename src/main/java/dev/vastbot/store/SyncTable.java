package dev.vastbot.store;

import dev.vastbot.fleet.sync.SyncRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The SQL for {@code sync_records}, the latest sync of each instance; runs inside the caller's transaction. */
final class SyncTable {

  void upsertSync(Connection connection, SyncRecord sync) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(
        "INSERT INTO sync_records (instance_id, synced_at, files, bytes, verified, detail) VALUES (?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (instance_id) DO UPDATE SET synced_at = excluded.synced_at, files = excluded.files, "
            + "bytes = excluded.bytes, verified = excluded.verified, detail = excluded.detail")) {
      upsert.setLong(1, sync.instanceId());
      TimeColumns.bind(upsert, 2, sync.syncedAt());
      upsert.setInt(3, sync.files());
      upsert.setLong(4, sync.bytes());
      upsert.setInt(5, sync.verified() ? 1 : 0);
      TextColumns.bind(upsert, 6, sync.detail() == null ? "" : sync.detail(), TextColumns.DETAIL);
      upsert.executeUpdate();
    }
  }

  List<SyncRecord> syncs(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT instance_id, synced_at, files, bytes, verified, detail FROM sync_records ORDER BY instance_id");
        ResultSet rows = query.executeQuery()) {
      List<SyncRecord> records = new ArrayList<>();
      while (rows.next()) {
        records.add(new SyncRecord(rows.getLong(1), TimeColumns.read(rows, "synced_at"), rows.getInt(3),
            rows.getLong(4), rows.getInt(5) == 1, rows.getString(6)));
      }
      return records;
    }
  }
}
