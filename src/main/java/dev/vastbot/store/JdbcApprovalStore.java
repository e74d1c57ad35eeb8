package dev.vastbot.store;

import dev.vastbot.fleet.ProvisionOrder;
import dev.vastbot.fleet.ProvisionPrice;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.port.ApprovalStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@link ApprovalStore} on the store's database ({@code approvals}, {@code terminations},
 * {@code provision_orders}, {@code provision_prices}).
 *
 * <p>Thread-safe; each method is one transaction on the database's connections (see {@link
 * StoreDatabase}). Failures surface as {@link dev.vastbot.fleet.StoreException} saying what
 * could not be done.
 */
public final class JdbcApprovalStore implements ApprovalStore {
  private final SerializedConnection connection;
  private final ApprovalTables approvals = new ApprovalTables();

  /** The part on {@code database}, which whoever opened it closes: the part holds nothing of its own. */
  public JdbcApprovalStore(StoreDatabase database) {
    this.connection = database.writes();
  }

  @Override
  public void recordApprovalRequest(ApprovalRequest request) {
    connection.inTransaction("record approval request " + request.operationId(), c -> {
      approvals.insertApproval(c, request);
      return null;
    });
  }

  @Override
  public Optional<ApprovalRequest> approvalRequest(long operationId) {
    return connection.inTransaction("read approval request " + operationId, c -> approvals.approval(c, operationId));
  }

  @Override
  public List<ApprovalRequest> pendingApprovals() {
    return connection.inTransaction("read the pending approvals", approvals::pending);
  }

  @Override
  public boolean decideApproval(long operationId, ApprovalDecision decision, String decidedBy, Instant at) {
    return connection.inTransaction("decide approval request " + operationId,
        c -> approvals.decide(c, operationId, decision, decidedBy, at));
  }

  @Override
  public void recordTermination(TerminationRecord termination) {
    connection.inTransaction("record termination " + termination.operationId(), c -> {
      approvals.insertTermination(c, termination);
      return null;
    });
  }

  @Override
  public Optional<TerminationRecord> termination(long operationId) {
    return connection.inTransaction("read termination " + operationId, c -> approvals.termination(c, operationId));
  }

  @Override
  public void recordProvisionOrder(long operationId, ProvisionOrder order) {
    connection.inTransaction("record the order of provision " + operationId, c -> {
      approvals.insertOrder(c, operationId, order);
      return null;
    });
  }

  @Override
  public Optional<ProvisionOrder> provisionOrder(long operationId) {
    return connection.inTransaction("read the order of provision " + operationId, c -> approvals.order(c, operationId));
  }

  @Override
  public void recordProvisionPrice(long operationId, ProvisionPrice price) {
    connection.inTransaction("record the price of provision " + operationId, c -> {
      approvals.insertPrice(c, operationId, price);
      return null;
    });
  }

  @Override
  public Optional<ProvisionPrice> provisionPrice(long operationId) {
    return connection.inTransaction("read the price of provision " + operationId, c -> approvals.price(c, operationId));
  }
}
