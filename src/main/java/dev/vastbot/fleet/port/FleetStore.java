package dev.vastbot.fleet.port;

/**
 * All of the bot's durable state in one object, for the composition root to pass where a part
 * needs several kinds of it: the {@linkplain OperationJournal operations journal}, {@linkplain
 * ApprovalStore approvals}, the {@linkplain AuditLog audit log}, the {@linkplain SpendStore spend
 * ledger}, the {@linkplain OutboxStore Slack outbox}, the {@linkplain InstanceStore instances and
 * reservations}, {@linkplain HealthStore health}, the {@linkplain AutoscaleStore autoscaler's state}
 * and {@linkplain AlertStore incidents}. A class that uses one of them takes that port alone.
 *
 * <p>Implementations are thread-safe; each method is one transaction. Failures surface as {@link
 * dev.vastbot.fleet.StoreException}. See {@link ComposedFleetStore} for one made of a part per
 * port.
 */
public interface FleetStore extends OperationJournal, ApprovalStore, AuditLog, SpendStore, OutboxStore,
    InstanceStore, HealthStore, AutoscaleStore, AlertStore, AutoCloseable {

  /** Releases what the store holds (its connections); later calls fail. Idempotent. */
  @Override
  void close();
}
