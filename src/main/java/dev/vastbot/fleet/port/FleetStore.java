package dev.vastbot.fleet.port;

import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.DailySpend;
import dev.vastbot.fleet.sync.SyncRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
/**
 * Durable state: our view of the instances, the operation journal and the append-only audit log.
 * Implementations are thread-safe; each method is one transaction. Failures surface as {@link
 * StoreException}.
 */
public interface FleetStore extends AutoCloseable {

  /**
   * Records one complete observation of the fleet: every listed instance is inserted or updated
   * ({@code lastSeen = observedAt}, with the rate it commits to); a tracked instance missing from
   * the list gets {@code goneAt} set, once, unless a rent created it so recently that the list may
   * have been taken before (see {@link #recordCreated}). A listed instance whose label names an
   * operation with an open reservation takes one of its slots, once (so it never counts twice).
   */
  void recordObservation(List<Instance> instances, Instant observedAt);

  /**
   * Records that Vast no longer lists the instance (a destroy confirmed): {@code goneAt} is set,
   * once, so it stops holding a slot before the next full list. Nothing when it is untracked.
   */
  void recordGone(long id, Instant at);

  /** Every instance we have ever tracked, by id. */
  List<TrackedInstance> trackedInstances();

  Optional<TrackedInstance> trackedInstance(long id);

  /** Journals a new operation in state REQUESTED and returns its id. */
  long startOperation(String kind, String requestedBy, String target, Instant at);

  /** Moves an operation to a new state with a progress or failure note. */
  void updateOperation(long id, OperationState state, String detail, Instant at);

  Optional<Operation> operation(long id);

  /** The newest operations first. */
  List<Operation> recentOperations(int limit);

  /** Operations of this kind that have not finished, oldest first. */
  List<Operation> openOperations(String kind);

  /** Appends to the audit log. Entries are never updated or deleted. */
  void appendAudit(AuditEntry entry);

  /** The newest audit entries first. */
  List<AuditEntry> recentAudit(int limit);

  /**
   * Records one health check of an instance and returns its streak: a healthy check resets the
   * count of consecutive failures to 0, any other level adds one.
   */
  HealthStreak recordHealthCheck(long instanceId, boolean healthy, String level, Instant at);

  Optional<HealthStreak> healthStreak(long instanceId);

  /**
   * Records the checks of a sweep, each as {@link #healthStreak}, {@link #recordHealthCheck},
   * {@link #recordGpuIdle} and, when it reported games, {@link #recordGamesLastHour} would, in the
   * order given; in one transaction where the store has them (all recorded or none), so that a
   * sweep of a thousand hosts holds the write lock once instead of a few thousand times.
   *
   * @return what each check made of its instance's state, in the same order
   */
  default List<RecordedHealthCheck> recordHealthChecks(List<HealthCheckRecord> checks, Instant at) {
    List<RecordedHealthCheck> recorded = new java.util.ArrayList<>();
    for (HealthCheckRecord check : checks) {
      int before = healthStreak(check.instanceId()).map(HealthStreak::consecutiveFailures).orElse(0);
      HealthStreak streak = recordHealthCheck(check.instanceId(), check.healthy(), check.level(), at);
      Optional<Instant> idleSince = recordGpuIdle(check.instanceId(), check.idle(), at);
      if (check.gamesLastHour() != null) {
        recordGamesLastHour(check.instanceId(), check.gamesLastHour(), at);
      }
      recorded.add(new RecordedHealthCheck(check.instanceId(), before, streak, idleSince));
    }
    return recorded;
  }

  /** Keeps the latest tick of a loop (replacing the one before). */
  void recordLoopTick(LoopTick tick);

  Optional<LoopTick> lastLoopTick(String loop);

  /**
   * Moves an operation from {@code expected} to {@code next} only if it is still in {@code
   * expected}; returns whether it moved. Two processes (or a retried step) racing on one operation
   * cannot both move it.
   */
  boolean transitionOperation(long id, OperationState expected, OperationState next, String detail, Instant at);

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

  /** Keeps the latest sync of an instance (replacing the one before). */
  void recordSync(SyncRecord sync);

  /** The latest sync of every instance ever synced, by instance id. */
  List<SyncRecord> syncRecords();

  /** Keeps what a provision waiting for approval would rent. */
  void recordProvisionOrder(long operationId, ProvisionOrder order);

  Optional<ProvisionOrder> provisionOrder(long operationId);

  /** Keeps what a provision request was priced at when asked (once per request). */
  void recordProvisionPrice(long operationId, ProvisionPrice price);

  /** What the request was priced at when asked; empty for a person's provision (or one asked before prices were kept). */
  Optional<ProvisionPrice> provisionPrice(long operationId);

  /**
   * Keeps a new incident and its thread; returns false (and keeps the existing one) when the
   * incident is open already, so that two passes cannot both open it. A resolved incident of the
   * same name is replaced.
   */
  boolean openAlertThread(AlertThread thread);

  /** The incident, open or resolved. */
  Optional<AlertThread> alertThread(String incident);

  /** Every open incident, oldest first. */
  List<AlertThread> openAlertThreads();

  /** Records that people heard of the open incident again at {@code at}. */
  void markAlertMentioned(String incident, Instant at);

  /** Marks the incident resolved; returns whether it was open. */
  boolean resolveAlertThread(String incident, Instant at);

  /**
   * Records whether an instance's GPUs are idle now and returns since when they have been idle
   * without a break: empty when they are busy (or could not be read, which counts as busy).
   */
  Optional<Instant> recordGpuIdle(long instanceId, boolean idle, Instant at);

  /**
   * Adds one accrual of the spend ledger (each instance's dollars onto its day) and moves the
   * ledger's mark to {@code accrual.until()}, only if the mark is still at {@code accrual.from()}
   * (no mark yet when that is null); returns whether it did. A second replica, or a retried tick,
   * that accrued the same span gets false and adds nothing.
   */
  boolean accrueSpend(Accrual accrual);

  /** Until when the ledger has accrued: empty before the first accrual. */
  Optional<Instant> spendMark();

  /** The fleet's spend per day from {@code from} to {@code to} (both included), by day; days without spend left out. */
  List<DailySpend> dailySpend(LocalDate from, LocalDate to);

  /**
   * What each instance accrued on each day from {@code from} to {@code to} (both included), by day
   * then instance id; days an instance accrued nothing left out.
   */
  List<dev.vastbot.fleet.cost.InstanceSpend> instanceSpend(LocalDate from, LocalDate to);

  /**
   * Claims the day's cost warning: returns true only for the first claim of {@code day}, so the
   * warning goes out once per day across restarts and replicas.
   */
  boolean claimCostWarning(LocalDate day, Instant at);

  /** The last day a cost warning was claimed, if any. */
  Optional<LocalDate> lastCostWarningDay();

  /**
   * Records that Vast's charges were compared with the ledger on {@code day}, with one line saying
   * how it came out; returns true only for the first record of {@code day} (a later one is
   * dropped), so the comparison's warning goes out once across cron runs and replicas.
   */
  boolean recordChargesCheck(LocalDate day, Instant at, String outcome);

  /** The last day Vast's charges were compared with the ledger, if any. */
  Optional<LocalDate> lastChargesCheckDay();

  /**
   * Gives an instance its autoscaler group unless it has one; returns the group it has now (the
   * first one given stays, also across replicas).
   */
  String assignAutoscaleGroup(long instanceId, String group, Instant at);

  /** Every instance's autoscaler group, destroyed instances included, by instance id. */
  Map<Long, String> autoscaleGroups();

  /** Records that {@code group} scaled {@code kind} ("up" or "down") at {@code at}. */
  void markScale(String group, String kind, Instant at);

  /** When {@code group} last scaled {@code kind}, if ever. */
  Optional<Instant> lastScale(String group, String kind);

  /**
   * Records a reading of {@code group}'s demand signal (a second reading at the same moment takes
   * the first one's place) and drops the group's readings from before {@code keepSince}.
   */
  void recordDemand(String group, dev.vastbot.fleet.autoscale.DemandReading reading, Instant keepSince);

  /** {@code group}'s demand readings kept, oldest first. */
  List<dev.vastbot.fleet.autoscale.DemandReading> demandReadings(String group);

  /** Records the games an instance's probe counted in the last hour. */
  void recordGamesLastHour(long instanceId, int games, Instant at);

  /** The games an instance's probe last counted in an hour, if measured at or after {@code since}. */
  Optional<Integer> gamesLastHour(long instanceId, Instant since);

  /** Since when an instance's GPUs have been idle without a break, as the health sweep recorded. */
  Optional<Instant> gpuIdleSince(long instanceId);

  /**
   * Records a replacement under way; one per old instance (a later one for the same old instance
   * takes the place of the earlier).
   */
  void startReplacement(Replacement replacement);

  /**
   * Records that the replacement of {@code oldId} lets an instance go ({@link
   * Replacement.Stage#OLD_LEAVING}: the old one; {@link Replacement.Stage#NEW_LEAVING}: the new one)
   * by termination {@code operation}; the row stays until {@link #endReplacement}. Returns false
   * (and records nothing) when no replacement of {@code oldId} is under way.
   *
   * @throws IllegalArgumentException for {@link Replacement.Stage#TRIAL}
   */
  boolean recordReplacementLetGo(long oldId, Replacement.Stage stage, long operation);

  /** The replacements under way, oldest first. */
  List<Replacement> replacements();

  /** Ends the replacements that {@code instanceId} is the old or the new instance of. */
  void endReplacement(long instanceId);

  /** Keeps a stopped instance in its group's warm pool (a later row for it takes the earlier's place). */
  void addPoolMember(dev.vastbot.fleet.autoscale.PoolMember member);

  /** Every warm pool member of every group, longest stopped first. */
  List<dev.vastbot.fleet.autoscale.PoolMember> poolMembers();

  /** Takes an instance out of its warm pool (restarted or destroyed); returns whether it was in one. */
  boolean removePoolMember(long instanceId);

  /**
   * Records that an instance's set-up began (a provision created it, a restart started it): until
   * {@link #endSetup} it is in {@link #openSetups}. A later set-up of the same instance takes the
   * place of the earlier, ended or not.
   *
   * @param kind {@link OpenSetup#PROVISION} or {@link OpenSetup#RESTART}
   */
  void startSetup(long instanceId, String kind, Instant at);

  /**
   * Ends {@code setup} (the one begun for its instance with its kind at its start, to the
   * millisecond) if it is still in progress, with how it ended ("done", "not running", "overdue");
   * returns whether this call ended it. A later set-up of the same instance is left alone, so a late
   * end of an overrun set-up cannot close the one that took its place. Of two calls (two threads,
   * two processes) one gets true.
   */
  boolean endSetup(OpenSetup setup, String outcome, Instant at);

  /** The set-ups in progress, oldest first. */
  List<OpenSetup> openSetups();

  /**
   * The instances whose latest set-up ended {@link OpenSetup#OVERDUE} and that have not been seen
   * healthy since ({@link #clearOverdueSetup}).
   */
  java.util.Set<Long> overdueSetups();

  /**
   * Notes that an instance whose set-up overran is healthy now; true for the one call (of any
   * thread or process) that did, so the overrun's alert is cleared once.
   */
  boolean clearOverdueSetup(long instanceId);

  /**
   * Reserves instance slots and spend for a rent, in one transaction under a lock that serialises
   * every reserver on this database (threads and processes alike): drops the reservations that
   * lapsed, reads what is committed (the instances not gone, with their autoscaler group and rate,
   * and the open reservations), and grants the request unless {@code rule} refuses it.
   *
   * @param rule pure; called once, inside the transaction
   */
  dev.vastbot.fleet.reservation.ReservationOutcome reserve(dev.vastbot.fleet.reservation.ReservationRequest request,
      dev.vastbot.fleet.reservation.ReservationRule rule);

  /**
   * Turns one slot of reservation {@code reservationId} into the instance a rent just created, in
   * one transaction under the reservation lock: the instance is tracked (with the reservation's
   * group, and kept from being marked gone by a list that does not show it yet until {@code
   * leaseUntil}), the reservation loses one slot and the instance's rate, and its lease is renewed
   * to {@code leaseUntil}. An instance that already took a slot takes no second one (a retried
   * create finds the same instance). Returns whether the reservation still held; the instance is
   * tracked either way.
   */
  boolean recordCreated(long reservationId, dev.vastbot.fleet.reservation.CreatedInstance created, Instant at,
      Instant leaseUntil);

  /** Releases what is left of a reservation (its rent is done); nothing when it is gone already. */
  void releaseReservation(long reservationId);

  /** The reservations holding slots at {@code at}, oldest first. */
  List<dev.vastbot.fleet.reservation.Reservation> openReservations(Instant at);

  @Override
  void close();
}
