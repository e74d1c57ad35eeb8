package dev.vastbot.testing;

import dev.vastbot.fleet.ProvisionOrder;
import dev.vastbot.fleet.ProvisionPrice;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.port.ApprovalStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An {@link ApprovalStore} in memory, for tests of the code that uses the port. Thread-safe. */
public final class InMemoryApprovalStore implements ApprovalStore {
  private final Map<Long, ApprovalRequest> approvals = new TreeMap<>();
  private final Map<Long, TerminationRecord> terminations = new TreeMap<>();
  private final Map<Long, ProvisionOrder> orders = new TreeMap<>();
  private final Map<Long, ProvisionPrice> prices = new TreeMap<>();

  @Override
  public synchronized void recordApprovalRequest(ApprovalRequest request) {
    approvals.put(request.operationId(), request);
  }

  @Override
  public synchronized Optional<ApprovalRequest> approvalRequest(long operationId) {
    return Optional.ofNullable(approvals.get(operationId));
  }

  @Override
  public synchronized List<ApprovalRequest> pendingApprovals() {
    return approvals.values().stream().filter(ApprovalRequest::pending).toList();
  }

  @Override
  public synchronized boolean decideApproval(long operationId, ApprovalDecision decision, String decidedBy,
      Instant at) {
    ApprovalRequest request = approvals.get(operationId);
    if (request == null || !request.pending()) {
      return false;
    }
    approvals.put(operationId, new ApprovalRequest(operationId, request.action(), request.target(),
        request.requestedBy(), request.summary(), request.createdAt(), request.expiresAt(), decision, decidedBy, at));
    return true;
  }

  @Override
  public synchronized void recordTermination(TerminationRecord termination) {
    terminations.put(termination.operationId(), termination);
  }

  @Override
  public synchronized Optional<TerminationRecord> termination(long operationId) {
    return Optional.ofNullable(terminations.get(operationId));
  }

  @Override
  public synchronized void recordProvisionOrder(long operationId, ProvisionOrder order) {
    orders.put(operationId, order);
  }

  @Override
  public synchronized Optional<ProvisionOrder> provisionOrder(long operationId) {
    return Optional.ofNullable(orders.get(operationId));
  }

  @Override
  public synchronized void recordProvisionPrice(long operationId, ProvisionPrice price) {
    if (prices.putIfAbsent(operationId, price) != null) {
      throw new IllegalStateException("provision " + operationId + " is priced already");
    }
  }

  @Override
  public synchronized Optional<ProvisionPrice> provisionPrice(long operationId) {
    return Optional.ofNullable(prices.get(operationId));
  }
}
