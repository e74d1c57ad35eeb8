package dev.vastbot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * How the store keeps times, in one place: every time column is a 64-bit integer of milliseconds
 * since the epoch (UTC), in SQLite and PostgreSQL alike, so ordering and comparisons are numeric
 * and no time zone is involved. Sub-millisecond precision is dropped on write.
 */
final class TimeColumns {
  private TimeColumns() {}

  /** Binds a time, or SQL NULL for {@code null}. */
  static void bind(PreparedStatement statement, int index, Instant time) throws SQLException {
    if (time == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, time.toEpochMilli());
    }
  }

  /** Reads a time column; {@code null} when the column is SQL NULL. */
  static Instant read(ResultSet row, String column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
