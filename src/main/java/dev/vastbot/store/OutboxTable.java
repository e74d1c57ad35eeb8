package dev.vastbot.store;

import dev.vastbot.fleet.outbox.NewMessage;
import dev.vastbot.fleet.outbox.OutboxMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL for {@code slack_outbox}; runs inside the caller's transaction. A key is queued once
 * (its UNIQUE column: a second insert does nothing and the first one's id is returned, also when
 * two processes race), and a new edit of a message marks the edits of it still pending SUPERSEDED.
 */
final class OutboxTable {
  private static final String COLUMNS = "id, lane, kind, msg_key, parent_key, payload, file, created_at, deadline, "
      + "state, attempts, next_attempt_at, last_error, channel, ts";
  /**
   * The payload is JSON the bot wrote, kept whole and only cleaned of what a database refuses; the
   * cap (far above any Slack message's) only bounds a bug.
   */
  private static final int PAYLOAD_CHARS = 2_000_000;

  long enqueue(Connection connection, NewMessage message, Instant at) throws SQLException {
    if (message.key() != null) {
      Optional<OutboxMessage> queued = byKey(connection, message.key());
      if (queued.isPresent()) {
        return queued.get().id();
      }
    }
    if (message.kind() == OutboxMessage.Kind.UPDATE) {
      supersedeEdits(connection, message.parentKey(), at);
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO slack_outbox (lane, kind, msg_key, "
        + "parent_key, payload, file, created_at, deadline, state, attempts, next_attempt_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?) ON CONFLICT (msg_key) DO NOTHING RETURNING id")) {
      TextColumns.bind(insert, 1, message.lane(), TextColumns.FIELD);
      insert.setString(2, message.kind().name());
      TextColumns.bind(insert, 3, message.key(), TextColumns.FIELD);
      TextColumns.bind(insert, 4, message.parentKey(), TextColumns.FIELD);
      TextColumns.bind(insert, 5, message.payload(), PAYLOAD_CHARS);
      if (message.file() == null) {
        insert.setNull(6, Types.BINARY);
      } else {
        insert.setBytes(6, message.file());
      }
      TimeColumns.bind(insert, 7, at);
      TimeColumns.bind(insert, 8, message.deadline());
      TimeColumns.bind(insert, 9, at);
      try (ResultSet id = insert.executeQuery()) {
        if (id.next()) {
          return id.getLong(1);
        }
      }
    }
    // another process queued the same key between the look above and this insert
    return byKey(connection, message.key()).orElseThrow(() -> new SQLException("message " + message.key()
        + " neither queued nor found")).id();
  }

  List<OutboxMessage> laneHeads(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM slack_outbox "
        + "WHERE id IN (SELECT MIN(id) FROM slack_outbox WHERE state = 'PENDING' GROUP BY lane) ORDER BY id")) {
      return read(query);
    }
  }

  Optional<OutboxMessage> byKey(Connection connection, String key) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM slack_outbox WHERE msg_key = ?")) {
      TextColumns.bind(query, 1, key, TextColumns.FIELD);
      return read(query).stream().findFirst();
    }
  }

  void markSent(Connection connection, long id, String channel, String ts, Instant at) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE slack_outbox SET state = 'SENT', "
        + "attempts = attempts + 1, channel = ?, ts = ?, finished_at = ?, last_error = NULL WHERE id = ?")) {
      TextColumns.bind(update, 1, channel, TextColumns.FIELD);
      TextColumns.bind(update, 2, ts, TextColumns.FIELD);
      TimeColumns.bind(update, 3, at);
      update.setLong(4, id);
      update.executeUpdate();
    }
  }

  void markRetry(Connection connection, long id, Instant next, String error) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE slack_outbox SET attempts = attempts + 1, "
        + "next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'PENDING'")) {
      TimeColumns.bind(update, 1, next);
      TextColumns.bind(update, 2, error, TextColumns.DETAIL);
      update.setLong(3, id);
      update.executeUpdate();
    }
  }

  void markUndelivered(Connection connection, long id, OutboxMessage.State state, String error, Instant at)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE slack_outbox SET state = ?, "
        + "last_error = ?, finished_at = ? WHERE id = ? AND state = 'PENDING'")) {
      update.setString(1, state.name());
      TextColumns.bind(update, 2, error, TextColumns.DETAIL);
      TimeColumns.bind(update, 3, at);
      update.setLong(4, id);
      update.executeUpdate();
    }
  }

  int pending(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT COUNT(*) FROM slack_outbox WHERE state = 'PENDING'"); ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private void supersedeEdits(Connection connection, String parentKey, Instant at) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE slack_outbox SET state = 'SUPERSEDED', "
        + "finished_at = ? WHERE state = 'PENDING' AND kind = 'UPDATE' AND parent_key = ?")) {
      TimeColumns.bind(update, 1, at);
      TextColumns.bind(update, 2, parentKey, TextColumns.FIELD);
      update.executeUpdate();
    }
  }

  private static List<OutboxMessage> read(PreparedStatement query) throws SQLException {
    var messages = new ArrayList<OutboxMessage>();
    try (ResultSet row = query.executeQuery()) {
      while (row.next()) {
        messages.add(new OutboxMessage(row.getLong("id"), row.getString("lane"),
            OutboxMessage.Kind.valueOf(row.getString("kind")), row.getString("msg_key"), row.getString("parent_key"),
            row.getString("payload"), row.getBytes("file"), TimeColumns.read(row, "created_at"),
            TimeColumns.read(row, "deadline"), OutboxMessage.State.valueOf(row.getString("state")),
            row.getInt("attempts"), TimeColumns.read(row, "next_attempt_at"), row.getString("last_error"),
            row.getString("channel"), row.getString("ts")));
      }
    }
    return messages;
  }
}
