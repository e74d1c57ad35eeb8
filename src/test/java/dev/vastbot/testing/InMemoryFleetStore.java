package dev.vastbot.testing;

import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.fleet.port.ComposedFleetStore;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.HostKeyPins;
import java.util.List;

/**
 * A {@link FleetStore} in memory, made of the one-port fakes beside it, for tests of code that
 * takes the whole store. A test of code that needs one port uses that port's fake alone; this one
 * hands out its parts (each accessor returns the same fake every time) to set up or inspect.
 * Thread-safe: each part has its own lock.
 */
public final class InMemoryFleetStore extends ComposedFleetStore {
  private final InMemoryOperationJournal operations = new InMemoryOperationJournal();
  private final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final InMemorySpendStore spend = new InMemorySpendStore();
  private final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
  private final InMemoryAutoscaleStore autoscale = new InMemoryAutoscaleStore();
  private final InMemoryInstanceStore instances = new InMemoryInstanceStore(autoscale);
  private final InMemoryHealthStore health = new InMemoryHealthStore();
  private final InMemoryAlertStore alerts = new InMemoryAlertStore();
  private final InMemoryHostKeyPins pins = new InMemoryHostKeyPins();

  @Override
  public InMemoryOperationJournal operationJournal() {
    return operations;
  }

  @Override
  public InMemoryApprovalStore approvalStore() {
    return approvals;
  }

  @Override
  public InMemoryAuditLog auditLog() {
    return audit;
  }

  @Override
  public InMemorySpendStore spendStore() {
    return spend;
  }

  @Override
  public InMemoryOutboxStore outboxStore() {
    return outbox;
  }

  @Override
  public InMemoryInstanceStore instanceStore() {
    return instances;
  }

  @Override
  public InMemoryHealthStore healthStore() {
    return health;
  }

  @Override
  public InMemoryAutoscaleStore autoscaleStore() {
    return autoscale;
  }

  @Override
  public InMemoryAlertStore alertStore() {
    return alerts;
  }

  /** Host-key pins kept beside the rest, as the JDBC store does. */
  public HostKeyPins pins() {
    return pins;
  }

  /** Every message queued, in order. */
  public List<OutboxMessage> outbox() {
    return outbox.messages();
  }

  @Override
  public void close() {}
}
