package dev.vastbot.fleet.port;

import dev.vastbot.fleet.AlertThread;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.HealthCheckRecord;
import dev.vastbot.fleet.HealthStreak;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.LoopTick;
import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.ProvisionOrder;
import dev.vastbot.fleet.ProvisionPrice;
import dev.vastbot.fleet.RecordedHealthCheck;
import dev.vastbot.fleet.Replacement;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.TrackedInstance;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.autoscale.DemandReading;
import dev.vastbot.fleet.autoscale.PoolMember;
import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.DailySpend;
import dev.vastbot.fleet.cost.InstanceSpend;
import dev.vastbot.fleet.outbox.NewMessage;
import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.fleet.reservation.CreatedInstance;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.fleet.reservation.ReservationOutcome;
import dev.vastbot.fleet.reservation.ReservationRequest;
import dev.vastbot.fleet.reservation.ReservationRule;
import dev.vastbot.fleet.sync.SyncRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link FleetStore} made of one part per port: every call goes to the part that keeps what it
 * is about, unchanged. A subclass names its parts (each accessor returns the same object every
 * time) and says what {@link #close} releases; it cannot change what a call does, which stays the
 * part's business.
 *
 * <p>Threading and failures are the parts': each call is one transaction of one part.
 * One piece because it only forwards, one method for each method of the nine ports: split, it
 * would be nine forwarders kept in step with one interface.
 */
public abstract class ComposedFleetStore implements FleetStore {

  /** The operations journal. */
  protected abstract OperationJournal operationJournal();

  /** Approval requests and what they ask for. */
  protected abstract ApprovalStore approvalStore();

  /** The audit log. */
  protected abstract AuditLog auditLog();

  /** The spend ledger. */
  protected abstract SpendStore spendStore();

  /** The Slack outbox. */
  protected abstract OutboxStore outboxStore();

  /** Instances, reservations and sync records. */
  protected abstract InstanceStore instanceStore();

  /** Health checks, set-ups and loop ticks. */
  protected abstract HealthStore healthStore();

  /** The autoscaler's state and the warm pool. */
  protected abstract AutoscaleStore autoscaleStore();

  /** Incidents and their threads. */
  protected abstract AlertStore alertStore();

  // OperationJournal

  @Override
  public final long startOperation(String kind, String requestedBy, String target, Instant at) {
    return operationJournal().startOperation(kind, requestedBy, target, at);
  }

  @Override
  public final void updateOperation(long id, OperationState state, String detail, Instant at) {
    operationJournal().updateOperation(id, state, detail, at);
  }

  @Override
  public final boolean transitionOperation(long id, OperationState expected, OperationState next, String detail,
      Instant at) {
    return operationJournal().transitionOperation(id, expected, next, detail, at);
  }

  @Override
  public final Optional<Operation> operation(long id) {
    return operationJournal().operation(id);
  }

  @Override
  public final List<Operation> recentOperations(int limit) {
    return operationJournal().recentOperations(limit);
  }

  @Override
  public final List<Operation> openOperations(String kind) {
    return operationJournal().openOperations(kind);
  }

  // ApprovalStore

  @Override
  public final void recordApprovalRequest(ApprovalRequest request) {
    approvalStore().recordApprovalRequest(request);
  }

  @Override
  public final Optional<ApprovalRequest> approvalRequest(long operationId) {
    return approvalStore().approvalRequest(operationId);
  }

  @Override
  public final List<ApprovalRequest> pendingApprovals() {
    return approvalStore().pendingApprovals();
  }

  @Override
  public final boolean decideApproval(long operationId, ApprovalDecision decision, String decidedBy, Instant at) {
    return approvalStore().decideApproval(operationId, decision, decidedBy, at);
  }

  @Override
  public final void recordTermination(TerminationRecord termination) {
    approvalStore().recordTermination(termination);
  }

  @Override
  public final Optional<TerminationRecord> termination(long operationId) {
    return approvalStore().termination(operationId);
  }

  @Override
  public final void recordProvisionOrder(long operationId, ProvisionOrder order) {
    approvalStore().recordProvisionOrder(operationId, order);
  }

  @Override
  public final Optional<ProvisionOrder> provisionOrder(long operationId) {
    return approvalStore().provisionOrder(operationId);
  }

  @Override
  public final void recordProvisionPrice(long operationId, ProvisionPrice price) {
    approvalStore().recordProvisionPrice(operationId, price);
  }

  @Override
  public final Optional<ProvisionPrice> provisionPrice(long operationId) {
    return approvalStore().provisionPrice(operationId);
  }

  // AuditLog

  @Override
  public final void appendAudit(AuditEntry entry) {
    auditLog().appendAudit(entry);
  }

  @Override
  public final List<AuditEntry> recentAudit(int limit) {
    return auditLog().recentAudit(limit);
  }

  // SpendStore

  @Override
  public final boolean accrueSpend(Accrual accrual) {
    return spendStore().accrueSpend(accrual);
  }

  @Override
  public final Optional<Instant> spendMark() {
    return spendStore().spendMark();
  }

  @Override
  public final List<DailySpend> dailySpend(LocalDate from, LocalDate to) {
    return spendStore().dailySpend(from, to);
  }

  @Override
  public final List<InstanceSpend> instanceSpend(LocalDate from, LocalDate to) {
    return spendStore().instanceSpend(from, to);
  }

  @Override
  public final boolean claimCostWarning(LocalDate day, Instant at) {
    return spendStore().claimCostWarning(day, at);
  }

  @Override
  public final Optional<LocalDate> lastCostWarningDay() {
    return spendStore().lastCostWarningDay();
  }

  @Override
  public final boolean recordChargesCheck(LocalDate day, Instant at, String outcome) {
    return spendStore().recordChargesCheck(day, at, outcome);
  }

  @Override
  public final Optional<LocalDate> lastChargesCheckDay() {
    return spendStore().lastChargesCheckDay();
  }

  // OutboxStore

  @Override
  public final long enqueue(NewMessage message, Instant at) {
    return outboxStore().enqueue(message, at);
  }

  @Override
  public final List<OutboxMessage> laneHeads() {
    return outboxStore().laneHeads();
  }

  @Override
  public final Optional<OutboxMessage> outboxMessage(String key) {
    return outboxStore().outboxMessage(key);
  }

  @Override
  public final void markSent(long id, String channel, String ts, Instant at) {
    outboxStore().markSent(id, channel, ts, at);
  }

  @Override
  public final void markRetry(long id, Instant next, String error) {
    outboxStore().markRetry(id, next, error);
  }

  @Override
  public final void markUndelivered(long id, OutboxMessage.State state, String error, Instant at) {
    outboxStore().markUndelivered(id, state, error, at);
  }

  @Override
  public final int pendingMessages() {
    return outboxStore().pendingMessages();
  }

  // InstanceStore

  @Override
  public final void recordObservation(List<Instance> instances, Instant observedAt) {
    instanceStore().recordObservation(instances, observedAt);
  }

  @Override
  public final void recordGone(long id, Instant at) {
    instanceStore().recordGone(id, at);
  }

  @Override
  public final List<TrackedInstance> trackedInstances() {
    return instanceStore().trackedInstances();
  }

  @Override
  public final Optional<TrackedInstance> trackedInstance(long id) {
    return instanceStore().trackedInstance(id);
  }

  @Override
  public final ReservationOutcome reserve(ReservationRequest request, ReservationRule rule) {
    return instanceStore().reserve(request, rule);
  }

  @Override
  public final boolean recordCreated(long reservationId, CreatedInstance created, Instant at, Instant leaseUntil) {
    return instanceStore().recordCreated(reservationId, created, at, leaseUntil);
  }

  @Override
  public final void releaseReservation(long reservationId) {
    instanceStore().releaseReservation(reservationId);
  }

  @Override
  public final List<Reservation> openReservations(Instant at) {
    return instanceStore().openReservations(at);
  }

  @Override
  public final void recordSync(SyncRecord sync) {
    instanceStore().recordSync(sync);
  }

  @Override
  public final List<SyncRecord> syncRecords() {
    return instanceStore().syncRecords();
  }

  // HealthStore

  @Override
  public final HealthStreak recordHealthCheck(long instanceId, boolean healthy, String level, Instant at) {
    return healthStore().recordHealthCheck(instanceId, healthy, level, at);
  }

  @Override
  public final Optional<HealthStreak> healthStreak(long instanceId) {
    return healthStore().healthStreak(instanceId);
  }

  @Override
  public final List<RecordedHealthCheck> recordHealthChecks(List<HealthCheckRecord> checks, Instant at) {
    return healthStore().recordHealthChecks(checks, at);
  }

  @Override
  public final Optional<Instant> recordGpuIdle(long instanceId, boolean idle, Instant at) {
    return healthStore().recordGpuIdle(instanceId, idle, at);
  }

  @Override
  public final Optional<Instant> gpuIdleSince(long instanceId) {
    return healthStore().gpuIdleSince(instanceId);
  }

  @Override
  public final void recordGamesLastHour(long instanceId, int games, Instant at) {
    healthStore().recordGamesLastHour(instanceId, games, at);
  }

  @Override
  public final Optional<Integer> gamesLastHour(long instanceId, Instant since) {
    return healthStore().gamesLastHour(instanceId, since);
  }

  @Override
  public final void startSetup(long instanceId, String kind, Instant at) {
    healthStore().startSetup(instanceId, kind, at);
  }

  @Override
  public final boolean endSetup(OpenSetup setup, String outcome, Instant at) {
    return healthStore().endSetup(setup, outcome, at);
  }

  @Override
  public final List<OpenSetup> openSetups() {
    return healthStore().openSetups();
  }

  @Override
  public final Set<Long> overdueSetups() {
    return healthStore().overdueSetups();
  }

  @Override
  public final boolean clearOverdueSetup(long instanceId) {
    return healthStore().clearOverdueSetup(instanceId);
  }

  @Override
  public final void recordLoopTick(LoopTick tick) {
    healthStore().recordLoopTick(tick);
  }

  @Override
  public final Optional<LoopTick> lastLoopTick(String loop) {
    return healthStore().lastLoopTick(loop);
  }

  // AutoscaleStore

  @Override
  public final String assignAutoscaleGroup(long instanceId, String group, Instant at) {
    return autoscaleStore().assignAutoscaleGroup(instanceId, group, at);
  }

  @Override
  public final Map<Long, String> autoscaleGroups() {
    return autoscaleStore().autoscaleGroups();
  }

  @Override
  public final void markScale(String group, String kind, Instant at) {
    autoscaleStore().markScale(group, kind, at);
  }

  @Override
  public final Optional<Instant> lastScale(String group, String kind) {
    return autoscaleStore().lastScale(group, kind);
  }

  @Override
  public final void recordDemand(String group, DemandReading reading, Instant keepSince) {
    autoscaleStore().recordDemand(group, reading, keepSince);
  }

  @Override
  public final List<DemandReading> demandReadings(String group) {
    return autoscaleStore().demandReadings(group);
  }

  @Override
  public final void startReplacement(Replacement replacement) {
    autoscaleStore().startReplacement(replacement);
  }

  @Override
  public final boolean recordReplacementLetGo(long oldId, Replacement.Stage stage, long operation) {
    return autoscaleStore().recordReplacementLetGo(oldId, stage, operation);
  }

  @Override
  public final List<Replacement> replacements() {
    return autoscaleStore().replacements();
  }

  @Override
  public final void endReplacement(long instanceId) {
    autoscaleStore().endReplacement(instanceId);
  }

  @Override
  public final void addPoolMember(PoolMember member) {
    autoscaleStore().addPoolMember(member);
  }

  @Override
  public final List<PoolMember> poolMembers() {
    return autoscaleStore().poolMembers();
  }

  @Override
  public final boolean removePoolMember(long instanceId) {
    return autoscaleStore().removePoolMember(instanceId);
  }

  // AlertStore

  @Override
  public final boolean openAlertThread(AlertThread thread) {
    return alertStore().openAlertThread(thread);
  }

  @Override
  public final Optional<AlertThread> alertThread(String incident) {
    return alertStore().alertThread(incident);
  }

  @Override
  public final List<AlertThread> openAlertThreads() {
    return alertStore().openAlertThreads();
  }

  @Override
  public final void markAlertMentioned(String incident, Instant at) {
    alertStore().markAlertMentioned(incident, at);
  }

  @Override
  public final boolean resolveAlertThread(String incident, Instant at) {
    return alertStore().resolveAlertThread(incident, at);
  }
}
