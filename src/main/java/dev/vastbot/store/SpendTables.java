package dev.vastbot.store;

import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.DailySpend;
import dev.vastbot.fleet.cost.InstanceSpend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL for the spend ledger ({@code spend_daily}, {@code spend_mark}), the cost warning
 * ({@code cost_warnings}) and the daily comparison with Vast's charges ({@code charge_checks}); runs inside the caller's transaction. The mark moves only from where
 * the accrual started ({@code WHERE accrued_until = ?}, or an insert that does nothing when a
 * first mark exists), and the dollars are added only when it moved, so a span is counted once.
 * Days are kept as ISO text ({@code YYYY-MM-DD}), which sorts as the days do.
 */
final class SpendTables {

  boolean accrue(Connection connection, Accrual accrual) throws SQLException {
    if (!moveMark(connection, accrual.from(), accrual.until())) {
      return false;
    }
    try (PreparedStatement upsert = connection.prepareStatement(
        "INSERT INTO spend_daily (day, instance_id, dollars) VALUES (?, ?, ?) "
            + "ON CONFLICT (day, instance_id) DO UPDATE SET dollars = spend_daily.dollars + excluded.dollars")) {
      for (InstanceSpend spend : accrual.spends()) {
        TextColumns.bind(upsert, 1, spend.day().toString(), TextColumns.FIELD);
        upsert.setLong(2, spend.instanceId());
        upsert.setDouble(3, spend.dollars());
        upsert.executeUpdate();
      }
    }
    return true;
  }

  Optional<Instant> mark(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT accrued_until FROM spend_mark WHERE id = 1");
        ResultSet rows = query.executeQuery()) {
      return rows.next() ? Optional.ofNullable(TimeColumns.read(rows, "accrued_until")) : Optional.empty();
    }
  }

  List<DailySpend> daily(Connection connection, LocalDate from, LocalDate to) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT day, SUM(dollars) FROM spend_daily "
        + "WHERE day >= ? AND day <= ? GROUP BY day ORDER BY day")) {
      TextColumns.bind(query, 1, from.toString(), TextColumns.FIELD);
      TextColumns.bind(query, 2, to.toString(), TextColumns.FIELD);
      try (ResultSet rows = query.executeQuery()) {
        List<DailySpend> days = new ArrayList<>();
        while (rows.next()) {
          days.add(new DailySpend(LocalDate.parse(rows.getString(1)), Math.max(0, rows.getDouble(2))));
        }
        return days;
      }
    }
  }

  List<InstanceSpend> perInstance(Connection connection, LocalDate from, LocalDate to) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT day, instance_id, dollars FROM spend_daily "
        + "WHERE day >= ? AND day <= ? AND dollars > 0 ORDER BY day, instance_id")) {
      TextColumns.bind(query, 1, from.toString(), TextColumns.FIELD);
      TextColumns.bind(query, 2, to.toString(), TextColumns.FIELD);
      try (ResultSet rows = query.executeQuery()) {
        List<InstanceSpend> spends = new ArrayList<>();
        while (rows.next()) {
          spends.add(new InstanceSpend(LocalDate.parse(rows.getString(1)), rows.getLong(2), rows.getDouble(3)));
        }
        return spends;
      }
    }
  }

  boolean claimWarning(Connection connection, LocalDate day, Instant at) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO cost_warnings (day, warned_at) VALUES (?, ?) ON CONFLICT (day) DO NOTHING")) {
      TextColumns.bind(insert, 1, day.toString(), TextColumns.FIELD);
      TimeColumns.bind(insert, 2, at);
      return insert.executeUpdate() == 1;
    }
  }

  Optional<LocalDate> lastWarningDay(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT MAX(day) FROM cost_warnings");
        ResultSet rows = query.executeQuery()) {
      String day = rows.next() ? rows.getString(1) : null;
      return Optional.ofNullable(day).map(LocalDate::parse);
    }
  }

  boolean recordChargesCheck(Connection connection, LocalDate day, Instant at, String outcome) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO charge_checks (day, checked_at, outcome) VALUES (?, ?, ?) ON CONFLICT (day) DO NOTHING")) {
      TextColumns.bind(insert, 1, day.toString(), TextColumns.FIELD);
      TimeColumns.bind(insert, 2, at);
      TextColumns.bind(insert, 3, outcome, TextColumns.DETAIL);
      return insert.executeUpdate() == 1;
    }
  }

  Optional<LocalDate> lastChargesCheckDay(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT MAX(day) FROM charge_checks");
        ResultSet rows = query.executeQuery()) {
      String day = rows.next() ? rows.getString(1) : null;
      return Optional.ofNullable(day).map(LocalDate::parse);
    }
  }

  private static boolean moveMark(Connection connection, Instant from, Instant until) throws SQLException {
    if (from == null) {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO spend_mark (id, accrued_until) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
        TimeColumns.bind(insert, 1, until);
        return insert.executeUpdate() == 1;
      }
    }
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE spend_mark SET accrued_until = ? WHERE id = 1 AND accrued_until = ?")) {
      TimeColumns.bind(update, 1, until);
      TimeColumns.bind(update, 2, from);
      return update.executeUpdate() == 1;
    }
  }
}
