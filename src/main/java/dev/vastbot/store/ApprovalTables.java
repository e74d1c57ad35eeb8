package dev.vastbot.store;

import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL for {@code approvals}, {@code terminations}, {@code provision_orders} and {@code
 * provision_prices}; runs inside the caller's transaction. A decision is written only onto an
 * undecided request ({@code WHERE decision IS NULL}), so racing clicks or replicas decide it once.
 */
final class ApprovalTables {
  private static final String APPROVAL_COLUMNS = "operation_id, action, target, requested_by, summary, "
      + "created_at, expires_at, decision, decided_by, decided_at";

  void insertApproval(Connection connection, ApprovalRequest request) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO approvals (" + APPROVAL_COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)")) {
      insert.setLong(1, request.operationId());
      TextColumns.bind(insert, 2, request.action(), TextColumns.FIELD);
      TextColumns.bind(insert, 3, request.target(), TextColumns.FIELD);
      TextColumns.bind(insert, 4, request.requestedBy(), TextColumns.FIELD);
      TextColumns.bind(insert, 5, request.summary(), TextColumns.DETAIL);
      TimeColumns.bind(insert, 6, request.createdAt());
      TimeColumns.bind(insert, 7, request.expiresAt());
      insert.executeUpdate();
    }
  }

  Optional<ApprovalRequest> approval(Connection connection, long operationId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT " + APPROVAL_COLUMNS + " FROM approvals WHERE operation_id = ?")) {
      query.setLong(1, operationId);
      List<ApprovalRequest> found = readApprovals(query);
      return found.stream().findFirst();
    }
  }

  List<ApprovalRequest> pending(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT " + APPROVAL_COLUMNS + " FROM approvals WHERE decision IS NULL ORDER BY operation_id")) {
      return readApprovals(query);
    }
  }

  boolean decide(Connection connection, long operationId, ApprovalDecision decision, String decidedBy,
      java.time.Instant at) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE approvals SET decision = ?, "
        + "decided_by = ?, decided_at = ? WHERE operation_id = ? AND decision IS NULL")) {
      update.setString(1, decision.name());
      TextColumns.bind(update, 2, decidedBy, TextColumns.FIELD);
      TimeColumns.bind(update, 3, at);
      update.setLong(4, operationId);
      return update.executeUpdate() == 1;
    }
  }

  void insertTermination(Connection connection, TerminationRecord termination) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO terminations (operation_id, instance_id, force_without_sync, ending) VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, termination.operationId());
      insert.setLong(2, termination.instanceId());
      insert.setInt(3, termination.forceWithoutSync() ? 1 : 0);
      insert.setString(4, termination.ending().key());
      insert.executeUpdate();
    }
  }

  Optional<TerminationRecord> termination(Connection connection, long operationId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT instance_id, force_without_sync, ending FROM terminations WHERE operation_id = ?")) {
      query.setLong(1, operationId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next()
            ? Optional.of(new TerminationRecord(operationId, rows.getLong(1), rows.getInt(2) == 1,
                TerminationRecord.Ending.ofKey(rows.getString(3))))
            : Optional.empty();
      }
    }
  }

  void insertOrder(Connection connection, long operationId, dev.vastbot.fleet.ProvisionOrder order) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO provision_orders (operation_id, gpu_name, count, max_dph) VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, operationId);
      TextColumns.bind(insert, 2, order.gpuName(), TextColumns.FIELD);
      insert.setInt(3, order.count());
      if (order.maxDph().isPresent()) {
        insert.setDouble(4, order.maxDph().get());
      } else {
        insert.setNull(4, java.sql.Types.DOUBLE);
      }
      insert.executeUpdate();
    }
  }

  Optional<dev.vastbot.fleet.ProvisionOrder> order(Connection connection, long operationId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT gpu_name, count, max_dph FROM provision_orders WHERE operation_id = ?")) {
      query.setLong(1, operationId);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        double max = rows.getDouble(3);
        return Optional.of(new dev.vastbot.fleet.ProvisionOrder(rows.getString(1), rows.getInt(2),
            rows.wasNull() ? Optional.empty() : Optional.of(max)));
      }
    }
  }

  void insertPrice(Connection connection, long operationId, dev.vastbot.fleet.ProvisionPrice price)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO provision_prices (operation_id, count,"
        + " usd_per_hour, forecast_usd_per_day) VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, operationId);
      insert.setInt(2, price.count());
      insert.setDouble(3, price.usdPerHour());
      insert.setDouble(4, price.forecastUsdPerDay());
      insert.executeUpdate();
    }
  }

  Optional<dev.vastbot.fleet.ProvisionPrice> price(Connection connection, long operationId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT count, usd_per_hour, forecast_usd_per_day FROM provision_prices WHERE operation_id = ?")) {
      query.setLong(1, operationId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next()
            ? Optional.of(new dev.vastbot.fleet.ProvisionPrice(rows.getInt(1), rows.getDouble(2), rows.getDouble(3)))
            : Optional.empty();
      }
    }
  }

  private static List<ApprovalRequest> readApprovals(PreparedStatement query) throws SQLException {
    try (ResultSet rows = query.executeQuery()) {
      List<ApprovalRequest> requests = new ArrayList<>();
      while (rows.next()) {
        String decision = rows.getString("decision");
        requests.add(new ApprovalRequest(rows.getLong("operation_id"), rows.getString("action"),
            rows.getString("target"), rows.getString("requested_by"), rows.getString("summary"),
            TimeColumns.read(rows, "created_at"), TimeColumns.read(rows, "expires_at"),
            decision == null ? null : ApprovalDecision.valueOf(decision), rows.getString("decided_by"),
            TimeColumns.read(rows, "decided_at")));
      }
      return requests;
    }
  }
}
