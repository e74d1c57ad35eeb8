package dev.vastbot.store;

import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL for the {@code operations} table; runs inside the caller's transaction. */
final class OperationTable {
  private static final String COLUMNS =
      "id, kind, requested_by, target, state, detail, created_at, updated_at";

  /** Inserts a REQUESTED operation and returns the id the database gave it. */
  long start(Connection connection, String kind, String requestedBy, String target, Instant at)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO operations (kind, requested_by, target, state, detail, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?) RETURNING id")) {
      TextColumns.bind(insert, 1, kind, TextColumns.FIELD);
      TextColumns.bind(insert, 2, requestedBy, TextColumns.FIELD);
      TextColumns.bind(insert, 3, target, TextColumns.FIELD);
      insert.setString(4, OperationState.REQUESTED.name());
      TimeColumns.bind(insert, 5, at);
      TimeColumns.bind(insert, 6, at);
      try (ResultSet generated = insert.executeQuery()) {
        generated.next();
        return generated.getLong(1);
      }
    }
  }

  /** Sets state, detail and updated_at; a {@link StoreException} when there is no such id. */
  void update(Connection connection, long id, OperationState state, String detail, Instant at)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE operations SET state = ?, detail = ?, updated_at = ? WHERE id = ?")) {
      update.setString(1, state.name());
      TextColumns.bind(update, 2, detail, TextColumns.DETAIL);
      TimeColumns.bind(update, 3, at);
      update.setLong(4, id);
      if (update.executeUpdate() == 0) {
        throw new StoreException("could not update operation " + id + ": no such operation", null);
      }
    }
  }

  /** Moves the operation only if it is in {@code expected}; returns whether it moved. */
  boolean transition(Connection connection, long id, OperationState expected, OperationState next, String detail,
      Instant at) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE operations SET state = ?, detail = ?, updated_at = ? WHERE id = ? AND state = ?")) {
      update.setString(1, next.name());
      TextColumns.bind(update, 2, detail, TextColumns.DETAIL);
      TimeColumns.bind(update, 3, at);
      update.setLong(4, id);
      update.setString(5, expected.name());
      return update.executeUpdate() == 1;
    }
  }

  Optional<Operation> byId(Connection connection, long id) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM operations WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  /** The newest first: by creation time, then by id for operations created the same millisecond. */
  List<Operation> recent(Connection connection, int limit) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM operations ORDER BY created_at DESC, id DESC LIMIT ?")) {
      query.setInt(1, limit);
      try (ResultSet rows = query.executeQuery()) {
        List<Operation> operations = new ArrayList<>();
        while (rows.next()) {
          operations.add(read(rows));
        }
        return operations;
      }
    }
  }

  /** Operations of a kind that have not finished, oldest first. */
  List<Operation> open(Connection connection, String kind) throws SQLException {
    var finished = java.util.Arrays.stream(dev.vastbot.fleet.OperationState.values())
        .filter(dev.vastbot.fleet.OperationState::finished).map(s -> "'" + s.name() + "'")
        .collect(java.util.stream.Collectors.joining(", "));
    try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
        + " FROM operations WHERE kind = ? AND state NOT IN (" + finished + ") ORDER BY id")) {
      query.setString(1, kind);
      try (ResultSet rows = query.executeQuery()) {
        List<Operation> operations = new ArrayList<>();
        while (rows.next()) {
          operations.add(read(rows));
        }
        return operations;
      }
    }
  }

  private static Operation read(ResultSet row) throws SQLException {
    long id = row.getLong("id");
    return new Operation(
        id,
        row.getString("kind"),
        row.getString("requested_by"),
        row.getString("target"),
        state(id, row.getString("state")),
        row.getString("detail"),
        TimeColumns.read(row, "created_at"),
        TimeColumns.read(row, "updated_at"));
  }

  private static OperationState state(long id, String stored) {
    try {
      return OperationState.valueOf(stored);
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          "operation " + id + " has state '" + stored + "', unknown to this vastbot", e);
    }
  }
}
