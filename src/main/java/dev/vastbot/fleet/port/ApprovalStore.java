package dev.vastbot.fleet.port;

import dev.vastbot.fleet.ProvisionOrder;
import dev.vastbot.fleet.ProvisionPrice;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Approval requests and what each asks a person to allow: the termination it would carry out, or
 * the order (and the price) of the provision it would rent. Keyed by the operation's id in the
 * {@link OperationJournal}. A request is decided once, by the first decision to reach the store,
 * across threads and replicas.
 *
 * <p>Thread-safe; each method is one transaction. Failures surface as {@link
 * dev.vastbot.fleet.StoreException}.
 */
public interface ApprovalStore {

  /** Keeps a new approval request (pending). */
  void recordApprovalRequest(ApprovalRequest request);

  Optional<ApprovalRequest> approvalRequest(long operationId);

  /** Requests still pending (undecided), oldest first; expired ones included until decided. */
  List<ApprovalRequest> pendingApprovals();

  /**
   * Records the decision on a request only if it is still undecided; returns whether this call
   * decided it (a second click, or a second replica, gets false and changes nothing).
   */
  boolean decideApproval(long operationId, ApprovalDecision decision, String decidedBy, Instant at);

  /** Keeps what a termination operation is about. */
  void recordTermination(TerminationRecord termination);

  Optional<TerminationRecord> termination(long operationId);

  /** Keeps what a provision waiting for approval would rent. */
  void recordProvisionOrder(long operationId, ProvisionOrder order);

  Optional<ProvisionOrder> provisionOrder(long operationId);

  /** Keeps what a provision request was priced at when asked (once per request). */
  void recordProvisionPrice(long operationId, ProvisionPrice price);

  /**
   * What the request was priced at when asked; empty for a person's provision (or one asked before
   * prices were kept).
   */
  Optional<ProvisionPrice> provisionPrice(long operationId);
}
