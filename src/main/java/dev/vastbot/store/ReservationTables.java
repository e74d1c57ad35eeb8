package dev.vastbot.store;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.reservation.Commitments;
import dev.vastbot.fleet.reservation.Commitments.LiveInstance;
import dev.vastbot.fleet.reservation.CreatedInstance;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.fleet.reservation.ReservationRequest;
import dev.vastbot.fleet.reservation.SlotLabel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The SQL for {@code reservations} and the slots they turn into tracked instances; runs inside the
 * caller's transaction, which has taken {@link SqlDialect#lockReservations} first. A slot becomes
 * an instance at most once per instance ({@code instances.reservation_id} marks it), whether the
 * rent records its create or a list shows the instance first.
 */
final class ReservationTables {
  private static final String COLUMNS = "id, operation_id, group_name, slots, rate_per_hour, expires_at";

  private final SqlDialect dialect;
  private final AutoscaleTables autoscale = new AutoscaleTables();

  ReservationTables(SqlDialect dialect) {
    this.dialect = dialect;
  }

  void lock(Connection connection) throws SQLException {
    dialect.lockReservations(connection);
  }

  /** Deletes the reservations that lapsed by {@code at}. */
  void dropLapsed(Connection connection, Instant at) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM reservations WHERE expires_at <= ?")) {
      TimeColumns.bind(delete, 1, at);
      delete.executeUpdate();
    }
  }

  /** The instances not gone, with their group and rate, and the reservations open at {@code at}. */
  Commitments committed(Connection connection, Instant at) throws SQLException {
    var live = new ArrayList<LiveInstance>();
    try (PreparedStatement query = connection.prepareStatement("SELECT i.id, i.rate_per_hour, m.group_name "
        + "FROM instances i LEFT JOIN autoscale_members m ON m.instance_id = i.id WHERE i.gone_at IS NULL ORDER BY i.id");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        live.add(new LiveInstance(rows.getLong(1), Optional.ofNullable(rows.getString(3)),
            Math.max(0, rows.getDouble(2))));
      }
    }
    return new Commitments(live, open(connection, at), pooled(connection));
  }

  /** The instances stopped in a warm pool. */
  private static Set<Long> pooled(Connection connection) throws SQLException {
    var pooled = new HashSet<Long>();
    try (PreparedStatement query = connection.prepareStatement("SELECT instance_id FROM warm_pool");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        pooled.add(rows.getLong(1));
      }
    }
    return pooled;
  }

  /** The reservations open at {@code at}, oldest first. */
  List<Reservation> open(Connection connection, Instant at) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM reservations WHERE expires_at > ? ORDER BY id")) {
      TimeColumns.bind(query, 1, at);
      try (ResultSet rows = query.executeQuery()) {
        var open = new ArrayList<Reservation>();
        while (rows.next()) {
          open.add(read(rows));
        }
        return open;
      }
    }
  }

  /** Inserts the granted reservation and returns it with its id. */
  Reservation insert(Connection connection, ReservationRequest request) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO reservations (kind, operation_id, "
        + "group_name, slots, rate_per_hour, created_at, expires_at) VALUES ('provision', ?, ?, ?, ?, ?, ?) RETURNING id")) {
      insert.setLong(1, request.operationId());
      TextColumns.bind(insert, 2, request.group().orElse(null), TextColumns.FIELD);
      insert.setInt(3, request.slots());
      insert.setDouble(4, request.ratePerHour());
      TimeColumns.bind(insert, 5, request.at());
      TimeColumns.bind(insert, 6, request.at().plus(request.lease()));
      try (ResultSet generated = insert.executeQuery()) {
        generated.next();
        return request.granted(generated.getLong(1));
      }
    }
  }

  /**
   * Tracks the created instance and takes one slot of the reservation for it, unless it took one
   * already; renews the lease. Returns whether the reservation was still open.
   */
  boolean recordCreated(Connection connection, long reservationId, CreatedInstance created, Instant at,
      Instant leaseUntil) throws SQLException {
    Optional<Reservation> reservation = byId(connection, reservationId).filter(r -> r.openAt(at));
    Optional<Optional<Long>> tracked = slotOf(connection, created.id());
    boolean tookNoSlot = tracked.isEmpty() || tracked.get().isEmpty();
    if (tracked.isEmpty()) {
      insertCreated(connection, reservationId, created, at, leaseUntil);
    } else if (tookNoSlot) {
      markSlot(connection, created.id(), reservationId); // a list showed it first
    }
    if (tookNoSlot && reservation.isPresent()) {
      joinGroup(connection, reservation.get(), created.id(), at);
      takeSlot(connection, reservation.get(), created.ratePerHour());
    }
    if (reservation.isEmpty()) {
      return false;
    }
    renew(connection, reservationId, leaseUntil);
    return true;
  }

  /**
   * After an observation: each listed instance whose label names the operation of an open
   * reservation and that took no slot yet takes one (the list showed it before its rent recorded
   * the create).
   */
  void claimListed(Connection connection, List<Instance> observed, Instant at) throws SQLException {
    Map<Long, Reservation> byOperation = new HashMap<>();
    for (Reservation reservation : open(connection, at)) {
      byOperation.put(reservation.operationId(), reservation);
    }
    if (byOperation.isEmpty()) {
      return;
    }
    for (Instance instance : observed) {
      OptionalLong operation = SlotLabel.operationOf(instance.label());
      Reservation reservation = operation.isPresent() ? byOperation.get(operation.getAsLong()) : null;
      if (reservation == null || slotOf(connection, instance.id()).flatMap(slot -> slot).isPresent()) {
        continue;
      }
      markSlot(connection, instance.id(), reservation.id());
      joinGroup(connection, reservation, instance.id(), at);
      takeSlot(connection, reservation, instance.dphTotal());
      byOperation.put(reservation.operationId(), byId(connection, reservation.id()).orElseThrow());
    }
  }

  void release(Connection connection, long reservationId) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM reservations WHERE id = ?")) {
      delete.setLong(1, reservationId);
      delete.executeUpdate();
    }
  }

  private Optional<Reservation> byId(Connection connection, long id) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM reservations WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  /** Empty: not tracked; else the reservation whose slot it took, if any. */
  private static Optional<Optional<Long>> slotOf(Connection connection, long instanceId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT reservation_id FROM instances WHERE id = ?")) {
      query.setLong(1, instanceId);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        long reservation = rows.getLong(1);
        return Optional.of(rows.wasNull() ? Optional.empty() : Optional.of(reservation));
      }
    }
  }

  private static void insertCreated(Connection connection, long reservationId, CreatedInstance created, Instant at,
      Instant leaseUntil) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO instances (id, label, gpu_name, num_gpus, "
        + "status, first_seen, last_seen, gone_at, rate_per_hour, reservation_id, unlisted_until) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)")) {
      insert.setLong(1, created.id());
      TextColumns.bind(insert, 2, created.label(), TextColumns.FIELD);
      TextColumns.bind(insert, 3, created.gpuName(), TextColumns.FIELD);
      insert.setInt(4, created.numGpus());
      insert.setString(5, InstanceState.PROVISIONING.display());
      TimeColumns.bind(insert, 6, at);
      TimeColumns.bind(insert, 7, at);
      insert.setDouble(8, created.ratePerHour());
      insert.setLong(9, reservationId);
      TimeColumns.bind(insert, 10, leaseUntil);
      insert.executeUpdate();
    }
  }

  private static void markSlot(Connection connection, long instanceId, long reservationId) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE instances SET reservation_id = ? WHERE id = ?")) {
      update.setLong(1, reservationId);
      update.setLong(2, instanceId);
      update.executeUpdate();
    }
  }

  /** One slot fewer, and the instance's rate off what the reservation may still add (all of it with the last slot). */
  private static void takeSlot(Connection connection, Reservation reservation, double rate) throws SQLException {
    if (reservation.slots() == 0) {
      return;
    }
    int slots = reservation.slots() - 1;
    double left = slots == 0 ? 0 : Math.max(0, reservation.ratePerHour() - rate);
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE reservations SET slots = ?, rate_per_hour = ? WHERE id = ?")) {
      update.setInt(1, slots);
      update.setDouble(2, left);
      update.setLong(3, reservation.id());
      update.executeUpdate();
    }
  }

  private static void renew(Connection connection, long reservationId, Instant leaseUntil) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE reservations SET expires_at = ? WHERE id = ?")) {
      TimeColumns.bind(update, 1, leaseUntil);
      update.setLong(2, reservationId);
      update.executeUpdate();
    }
  }

  /** Records the instance as its reservation's group's, in the same transaction (the first group given stays). */
  private void joinGroup(Connection connection, Reservation reservation, long instanceId, Instant at)
      throws SQLException {
    if (reservation.group().isPresent()) {
      autoscale.assignGroup(connection, instanceId, reservation.group().get(), at);
    }
  }

  private static Reservation read(ResultSet row) throws SQLException {
    return new Reservation(row.getLong("id"), row.getLong("operation_id"), Optional.ofNullable(row.getString("group_name")),
        row.getInt("slots"), Math.max(0, row.getDouble("rate_per_hour")), TimeColumns.read(row, "expires_at"));
  }
}
