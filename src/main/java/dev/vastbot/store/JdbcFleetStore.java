package dev.vastbot.store;

import dev.vastbot.fleet.StoreException;
import dev.vastbot.fleet.port.AlertStore;
import dev.vastbot.fleet.port.ApprovalStore;
import dev.vastbot.fleet.port.AuditLog;
import dev.vastbot.fleet.port.AutoscaleStore;
import dev.vastbot.fleet.port.ComposedFleetStore;
import dev.vastbot.fleet.port.HealthStore;
import dev.vastbot.fleet.port.HostKeyPins;
import dev.vastbot.fleet.port.InstanceStore;
import dev.vastbot.fleet.port.OperationJournal;
import dev.vastbot.fleet.port.OutboxStore;
import dev.vastbot.fleet.port.SpendStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The whole store on one relational database reached through JDBC (see {@link StoreDatabase}): a
 * part per port, all on the same connections, so that the composition root can pass one object.
 * Each call goes to its part ({@link JdbcOperationJournal}, {@link JdbcApprovalStore}, {@link
 * JdbcAuditLog}, {@link JdbcSpendStore}, {@link JdbcOutboxStore}, {@link JdbcInstanceStore}, {@link
 * JdbcHealthStore}, {@link JdbcAutoscaleStore}, {@link JdbcAlertStore}, {@link JdbcHostKeyPins}).
 *
 * <p>Thread-safe; each method is one transaction. Failures surface as {@link StoreException}.
 */
public final class JdbcFleetStore extends ComposedFleetStore implements HostKeyPins {
  private final StoreDatabase database;
  private final OperationJournal operations;
  private final ApprovalStore approvals;
  private final AuditLog audit;
  private final SpendStore spend;
  private final OutboxStore outbox;
  private final InstanceStore instances;
  private final HealthStore health;
  private final AutoscaleStore autoscale;
  private final AlertStore alerts;
  private final HostKeyPins pins;

  private JdbcFleetStore(StoreDatabase database) {
    this.database = database;
    this.operations = new JdbcOperationJournal(database);
    this.approvals = new JdbcApprovalStore(database);
    this.audit = new JdbcAuditLog(database);
    this.spend = new JdbcSpendStore(database);
    this.outbox = new JdbcOutboxStore(database);
    this.instances = new JdbcInstanceStore(database);
    this.health = new JdbcHealthStore(database);
    this.autoscale = new JdbcAutoscaleStore(database);
    this.alerts = new JdbcAlertStore(database);
    this.pins = new JdbcHostKeyPins(database);
  }

  /**
   * Opens (creating if needed) and migrates the store at a JDBC URL.
   *
   * @throws StoreException naming the URL, without its password, when the location cannot be
   *     created or reached, the URL's database is not supported, a migration fails, or the
   *     database's schema is newer than this code
   */
  public static JdbcFleetStore open(String jdbcUrl) {
    return new JdbcFleetStore(StoreDatabase.open(jdbcUrl));
  }

  /** The default store: the SQLite file {@code vastbot.db} in {@code varDir}. */
  public static String defaultUrl(Path varDir) {
    return StoreDatabase.defaultUrl(varDir);
  }

  @Override
  protected OperationJournal operationJournal() {
    return operations;
  }

  @Override
  protected ApprovalStore approvalStore() {
    return approvals;
  }

  @Override
  protected AuditLog auditLog() {
    return audit;
  }

  @Override
  protected SpendStore spendStore() {
    return spend;
  }

  @Override
  protected OutboxStore outboxStore() {
    return outbox;
  }

  @Override
  protected InstanceStore instanceStore() {
    return instances;
  }

  @Override
  protected HealthStore healthStore() {
    return health;
  }

  @Override
  protected AutoscaleStore autoscaleStore() {
    return autoscale;
  }

  @Override
  protected AlertStore alertStore() {
    return alerts;
  }

  @Override
  public Optional<String> pinnedKey(long instanceId) {
    return pins.pinnedKey(instanceId);
  }

  @Override
  public void pin(long instanceId, String publicKey, Instant at) {
    pins.pin(instanceId, publicKey, at);
  }

  @Override
  public void unpin(long instanceId) {
    pins.unpin(instanceId);
  }

  /** Closes the connections. Idempotent; any later call fails with a {@link StoreException}. */
  @Override
  public void close() {
    database.close();
  }
}
