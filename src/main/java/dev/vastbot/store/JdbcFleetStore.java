package dev.vastbot.store;

import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.sync.SyncRecord;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.HealthStreak;
import dev.vastbot.fleet.LoopTick;
import dev.vastbot.fleet.port.HostKeyPins;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.fleet.Replacement;
import dev.vastbot.fleet.StoreException;
import dev.vastbot.fleet.TrackedInstance;
import dev.vastbot.fleet.outbox.NewMessage;
import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.fleet.port.OutboxStore;
import dev.vastbot.fleet.reservation.CreatedInstance;
import dev.vastbot.fleet.reservation.Refusal;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.fleet.reservation.ReservationOutcome;
import dev.vastbot.fleet.reservation.ReservationRequest;
import dev.vastbot.fleet.reservation.ReservationRule;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link FleetStore} on a relational database reached through JDBC: a SQLite file by default
 * ({@code jdbc:sqlite:<path>}), PostgreSQL ({@code jdbc:postgresql:...}) for several replicas.
 *
 * <p>{@link #open} creates a SQLite file's folders, connects, and brings the schema up to date
 * with the versioned migrations under {@code db/migration/<dialect>/}. SQLite runs in WAL mode
 * with a busy timeout and foreign keys on, and takes its write lock when a transaction begins.
 * Reservations (instance caps and budgets) are serialised across processes by {@link
 * SqlDialect#lockReservations}.
 *
 * <p>Thread-safe: the store holds one connection for writes and runs one transaction at a time on
 * it; each method is one transaction. The reads that commands answer from at once (loop ticks,
 * recent operations and audit entries, sync records, the spend ledger) run on a second connection
 * whose transactions only read, so they never queue behind a writer (a health sweep recording a
 * thousand hosts): SQLite in WAL mode and PostgreSQL both let a reader see the last commit while a
 * writer goes on. An in-memory SQLite database (one per connection) uses the one connection for
 * both. Times are stored as epoch milliseconds (UTC), so an {@link Instant} read back has
 * millisecond precision.
 */
public final class JdbcFleetStore implements FleetStore, HostKeyPins, OutboxStore {
  private static final String DEFAULT_FILE_NAME = "vastbot.db";

  private final SerializedConnection connection;
  /** Reads that must not wait for writers; the same as {@link #connection} for an in-memory database. */
  private final SerializedConnection reads;
  private final InstanceTable instances = new InstanceTable();
  private final OperationJournal operations = new OperationJournal();
  private final AuditLog audit = new AuditLog();
  private final RemoteStateTables remote = new RemoteStateTables();
  private final ApprovalTables approvals = new ApprovalTables();
  private final SpendTables spend = new SpendTables();
  private final AutoscaleTables autoscale = new AutoscaleTables();
  private final DemandTable demand = new DemandTable();
  private final OutboxTable outbox = new OutboxTable();
  private final AlertTables alerts = new AlertTables();
  private final SetupTable setups = new SetupTable();
  private final ReservationTables reservations;

  private JdbcFleetStore(SerializedConnection connection, SerializedConnection reads, SqlDialect dialect) {
    this.connection = connection;
    this.reads = reads;
    this.reservations = new ReservationTables(dialect);
  }

  /**
   * Opens (creating if needed) and migrates the store at a JDBC URL.
   *
   * @throws StoreException naming the URL, without its password, when the location cannot be
   *     created or reached, the URL's database is not supported, a migration fails, or the
   *     database's schema is newer than this code
   */
  public static JdbcFleetStore open(String jdbcUrl) {
    JdbcUrl url = new JdbcUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
    Connection connection = null;
    Connection readConnection = null;
    try {
      SqlDialect dialect = SqlDialect.forUrl(url);
      dialect.prepareLocation(url);
      connection = DriverManager.getConnection(url.value(), dialect.connectionProperties());
      SerializedConnection serialized = new SerializedConnection(connection, dialect);
      SchemaMigrator migrator = new SchemaMigrator(dialect, Clock.systemUTC());
      serialized.inTransaction("migrate the schema", migrator::migrate);
      if (dialect == SqlDialect.SQLITE && url.sqliteFile().isEmpty()) {
        return new JdbcFleetStore(serialized, serialized, dialect);
      }
      readConnection = DriverManager.getConnection(url.value(), dialect.connectionProperties());
      return new JdbcFleetStore(serialized, SerializedConnection.forReads(readConnection, dialect), dialect);
    } catch (SQLException | StoreException e) {
      closeAfterFailure(readConnection, e);
      closeAfterFailure(connection, e);
      throw new StoreException(
          "could not open store at " + url.redacted() + ": " + url.scrub(e.getMessage()), e);
    }
  }

  /** The default store: the SQLite file {@code vastbot.db} in {@code varDir}. */
  public static String defaultUrl(Path varDir) {
    return "jdbc:sqlite:" + varDir.resolve(DEFAULT_FILE_NAME);
  }

  @Override
  public void recordGone(long id, Instant at) {
    Objects.requireNonNull(at, "at");
    connection.inTransaction("record vast-" + id + " gone", c -> {
      instances.recordGone(c, id, at);
      return null;
    });
  }

  @Override
  public void recordObservation(List<Instance> observed, Instant observedAt) {
    List<Instance> snapshot = List.copyOf(observed);
    Objects.requireNonNull(observedAt, "observedAt");
    connection.inTransaction(
        "record an observation of " + snapshot.size() + " instances",
        c -> {
          reservations.lock(c);
          instances.recordObservation(c, snapshot, observedAt);
          reservations.claimListed(c, snapshot, observedAt);
          return null;
        });
  }

  @Override
  public List<TrackedInstance> trackedInstances() {
    return connection.inTransaction("read the tracked instances", instances::all);
  }

  @Override
  public Optional<TrackedInstance> trackedInstance(long id) {
    return connection.inTransaction("read instance " + id, c -> instances.byId(c, id));
  }

  @Override
  public long startOperation(String kind, String requestedBy, String target, Instant at) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(at, "at");
    return connection.inTransaction(
        "start a " + kind + " operation", c -> operations.start(c, kind, requestedBy, target, at));
  }

  @Override
  public void updateOperation(long id, OperationState state, String detail, Instant at) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    connection.inTransaction(
        "update operation " + id,
        c -> {
          operations.update(c, id, state, detail, at);
          return null;
        });
  }

  @Override
  public Optional<Operation> operation(long id) {
    return connection.inTransaction("read operation " + id, c -> operations.byId(c, id));
  }

  @Override
  public List<Operation> recentOperations(int limit) {
    requireNonNegative(limit);
    return reads.inTransaction(
        "read the recent operations", c -> operations.recent(c, limit));
  }

  @Override
  public List<Operation> openOperations(String kind) {
    Objects.requireNonNull(kind, "kind");
    return connection.inTransaction("read the open " + kind + " operations", c -> operations.open(c, kind));
  }

  @Override
  public void appendAudit(AuditEntry entry) {
    Objects.requireNonNull(entry.at(), "entry.at");
    Objects.requireNonNull(entry.actor(), "entry.actor");
    Objects.requireNonNull(entry.action(), "entry.action");
    connection.inTransaction(
        "append to the audit log",
        c -> {
          audit.append(c, entry);
          return null;
        });
  }

  @Override
  public List<AuditEntry> recentAudit(int limit) {
    requireNonNegative(limit);
    return reads.inTransaction("read the audit log", c -> audit.recent(c, limit));
  }

  @Override
  public boolean transitionOperation(long id, OperationState expected, OperationState next, String detail,
      Instant at) {
    return connection.inTransaction("move operation " + id + " to " + next,
        c -> operations.transition(c, id, expected, next, detail, at));
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
  public void recordSync(SyncRecord sync) {
    connection.inTransaction("record the sync of instance " + sync.instanceId(), c -> {
      approvals.upsertSync(c, sync);
      return null;
    });
  }

  @Override
  public List<SyncRecord> syncRecords() {
    return reads.inTransaction("read the sync records", approvals::syncs);
  }

  @Override
  public void recordProvisionOrder(long operationId, dev.vastbot.fleet.ProvisionOrder order) {
    connection.inTransaction("record the order of provision " + operationId, c -> {
      approvals.insertOrder(c, operationId, order);
      return null;
    });
  }

  @Override
  public Optional<dev.vastbot.fleet.ProvisionOrder> provisionOrder(long operationId) {
    return connection.inTransaction("read the order of provision " + operationId, c -> approvals.order(c, operationId));
  }

  @Override
  public void recordProvisionPrice(long operationId, dev.vastbot.fleet.ProvisionPrice price) {
    connection.inTransaction("record the price of provision " + operationId, c -> {
      approvals.insertPrice(c, operationId, price);
      return null;
    });
  }

  @Override
  public Optional<dev.vastbot.fleet.ProvisionPrice> provisionPrice(long operationId) {
    return connection.inTransaction("read the price of provision " + operationId, c -> approvals.price(c, operationId));
  }

  @Override
  public boolean openAlertThread(dev.vastbot.fleet.AlertThread thread) {
    Objects.requireNonNull(thread, "thread");
    return connection.inTransaction("open incident " + thread.incident(), c -> alerts.open(c, thread));
  }

  @Override
  public Optional<dev.vastbot.fleet.AlertThread> alertThread(String incident) {
    return connection.inTransaction("read an incident", c -> alerts.byIncident(c, incident));
  }

  @Override
  public List<dev.vastbot.fleet.AlertThread> openAlertThreads() {
    return connection.inTransaction("read the open incidents", alerts::open);
  }

  @Override
  public void markAlertMentioned(String incident, Instant at) {
    connection.inTransaction("record a mention of incident " + incident, c -> {
      alerts.markMentioned(c, incident, at);
      return null;
    });
  }

  @Override
  public boolean resolveAlertThread(String incident, Instant at) {
    return connection.inTransaction("resolve incident " + incident, c -> alerts.resolve(c, incident, at));
  }

  @Override
  public Optional<Instant> recordGpuIdle(long instanceId, boolean idle, Instant at) {
    return connection.inTransaction("record GPU idleness of instance " + instanceId,
        c -> remote.recordGpuIdle(c, instanceId, idle, at));
  }

  /** Closes the connection. Idempotent; any later call fails with a {@link StoreException}. */
  @Override
  public HealthStreak recordHealthCheck(long instanceId, boolean healthy, String level, Instant at) {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(at, "at");
    return connection.inTransaction("record a health check of instance " + instanceId,
        c -> remote.recordHealthCheck(c, instanceId, healthy, level, at));
  }

  /** All in one transaction: a failure records none of them. */
  @Override
  public List<dev.vastbot.fleet.RecordedHealthCheck> recordHealthChecks(List<dev.vastbot.fleet.HealthCheckRecord> checks,
      Instant at) {
    List<dev.vastbot.fleet.HealthCheckRecord> all = List.copyOf(checks);
    Objects.requireNonNull(at, "at");
    all.forEach(check -> Objects.requireNonNull(check.level(), "level"));
    return connection.inTransaction("record " + all.size() + " health checks", c -> {
      List<dev.vastbot.fleet.RecordedHealthCheck> recorded = new java.util.ArrayList<>();
      for (dev.vastbot.fleet.HealthCheckRecord check : all) {
        long id = check.instanceId();
        int before = remote.streak(c, id).map(HealthStreak::consecutiveFailures).orElse(0);
        HealthStreak streak = remote.recordHealthCheck(c, id, check.healthy(), check.level(), at);
        Optional<Instant> idleSince = remote.recordGpuIdle(c, id, check.idle(), at);
        if (check.gamesLastHour() != null) {
          autoscale.recordGames(c, id, check.gamesLastHour(), at);
        }
        recorded.add(new dev.vastbot.fleet.RecordedHealthCheck(id, before, streak, idleSince));
      }
      return recorded;
    });
  }

  @Override
  public Optional<HealthStreak> healthStreak(long instanceId) {
    return connection.inTransaction("read the health streak of instance " + instanceId,
        c -> remote.streak(c, instanceId));
  }

  @Override
  public void recordLoopTick(LoopTick tick) {
    connection.inTransaction("record a tick of loop " + tick.loop(), c -> {
      remote.recordLoopTick(c, tick);
      return null;
    });
  }

  @Override
  public Optional<LoopTick> lastLoopTick(String loop) {
    return reads.inTransaction("read the last tick of loop " + loop, c -> remote.lastLoopTick(c, loop));
  }

  @Override
  public Optional<String> pinnedKey(long instanceId) {
    return connection.inTransaction("read the host key pin of instance " + instanceId,
        c -> remote.pinnedKey(c, instanceId));
  }

  @Override
  public void pin(long instanceId, String publicKey, Instant at) {
    connection.inTransaction("pin the host key of instance " + instanceId, c -> {
      remote.pin(c, instanceId, publicKey, at);
      return null;
    });
  }

  @Override
  public void unpin(long instanceId) {
    connection.inTransaction("unpin the host key of instance " + instanceId, c -> {
      remote.unpin(c, instanceId);
      return null;
    });
  }

  @Override
  public boolean accrueSpend(dev.vastbot.fleet.cost.Accrual accrual) {
    Objects.requireNonNull(accrual, "accrual");
    return connection.inTransaction("accrue " + accrual.spends().size() + " spend(s) until " + accrual.until(),
        c -> spend.accrue(c, accrual));
  }

  @Override
  public Optional<Instant> spendMark() {
    return reads.inTransaction("read the spend ledger's mark", spend::mark);
  }

  @Override
  public List<dev.vastbot.fleet.cost.DailySpend> dailySpend(java.time.LocalDate from, java.time.LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return reads.inTransaction("read the spend from " + from + " to " + to, c -> spend.daily(c, from, to));
  }

  @Override
  public List<dev.vastbot.fleet.cost.InstanceSpend> instanceSpend(java.time.LocalDate from, java.time.LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return reads.inTransaction("read the spend per instance from " + from + " to " + to,
        c -> spend.perInstance(c, from, to));
  }

  @Override
  public boolean claimCostWarning(java.time.LocalDate day, Instant at) {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(at, "at");
    return connection.inTransaction("claim the cost warning of " + day, c -> spend.claimWarning(c, day, at));
  }

  @Override
  public Optional<java.time.LocalDate> lastCostWarningDay() {
    return connection.inTransaction("read the last cost warning", spend::lastWarningDay);
  }

  @Override
  public boolean recordChargesCheck(java.time.LocalDate day, Instant at, String outcome) {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
    return connection.inTransaction("record the charges check of " + day,
        c -> spend.recordChargesCheck(c, day, at, outcome));
  }

  @Override
  public Optional<java.time.LocalDate> lastChargesCheckDay() {
    return reads.inTransaction("read the last charges check", spend::lastChargesCheckDay);
  }

  @Override
  public String assignAutoscaleGroup(long instanceId, String group, Instant at) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(at, "at");
    return connection.inTransaction("record the autoscaler group of instance " + instanceId,
        c -> autoscale.assignGroup(c, instanceId, group, at));
  }

  @Override
  public Map<Long, String> autoscaleGroups() {
    return connection.inTransaction("read the autoscaler groups", autoscale::groups);
  }

  @Override
  public void markScale(String group, String kind, Instant at) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    connection.inTransaction("record a scale-" + kind, c -> {
      autoscale.mark(c, group, kind, at);
      return null;
    });
  }

  @Override
  public Optional<Instant> lastScale(String group, String kind) {
    return connection.inTransaction("read the last scale-" + kind, c -> autoscale.lastMark(c, group, kind));
  }

  @Override
  public void recordDemand(String group, dev.vastbot.fleet.autoscale.DemandReading reading, Instant keepSince) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(keepSince, "keepSince");
    connection.inTransaction("record a demand reading", c -> {
      demand.record(c, group, reading, keepSince);
      return null;
    });
  }

  @Override
  public List<dev.vastbot.fleet.autoscale.DemandReading> demandReadings(String group) {
    return connection.inTransaction("read the demand readings", c -> demand.readings(c, group));
  }

  @Override
  public void recordGamesLastHour(long instanceId, int games, Instant at) {
    Objects.requireNonNull(at, "at");
    connection.inTransaction("record the games of instance " + instanceId, c -> {
      autoscale.recordGames(c, instanceId, games, at);
      return null;
    });
  }

  @Override
  public Optional<Integer> gamesLastHour(long instanceId, Instant since) {
    Objects.requireNonNull(since, "since");
    return connection.inTransaction("read the games of instance " + instanceId,
        c -> autoscale.games(c, instanceId, since));
  }

  @Override
  public Optional<Instant> gpuIdleSince(long instanceId) {
    return connection.inTransaction("read since when instance " + instanceId + " is idle",
        c -> autoscale.gpuIdleSince(c, instanceId));
  }

  @Override
  public void startReplacement(Replacement replacement) {
    Objects.requireNonNull(replacement, "replacement");
    connection.inTransaction("record that vast-" + replacement.newId() + " replaces vast-" + replacement.oldId(),
        c -> {
          autoscale.startReplacement(c, replacement);
          return null;
        });
  }

  @Override
  public boolean recordReplacementLetGo(long oldId, Replacement.Stage stage, long operation) {
    Objects.requireNonNull(stage, "stage");
    if (stage == Replacement.Stage.TRIAL) {
      throw new IllegalArgumentException("a let-go is recorded as OLD_LEAVING or NEW_LEAVING, not TRIAL");
    }
    return connection.inTransaction("record that the replacement of vast-" + oldId + " lets an instance go",
        c -> autoscale.recordLetGo(c, oldId, stage, operation));
  }

  @Override
  public List<Replacement> replacements() {
    return connection.inTransaction("read the replacements under way", autoscale::replacements);
  }

  @Override
  public void startSetup(long instanceId, String kind, Instant at) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    connection.inTransaction("record that vast-" + instanceId + "'s set-up began", c -> {
      setups.start(c, instanceId, kind, at);
      return null;
    });
  }

  @Override
  public boolean endSetup(OpenSetup setup, String outcome, Instant at) {
    Objects.requireNonNull(setup, "setup");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
    return connection.inTransaction("record that vast-" + setup.instanceId() + "'s set-up ended",
        c -> setups.end(c, setup, outcome, at));
  }

  /** Read on the connection that does not wait for writers: {@code /vast health} answers at once. */
  @Override
  public List<OpenSetup> openSetups() {
    return reads.inTransaction("read the set-ups in progress", setups::open);
  }

  @Override
  public java.util.Set<Long> overdueSetups() {
    return reads.inTransaction("read the set-ups that overran", setups::overdue);
  }

  @Override
  public boolean clearOverdueSetup(long instanceId) {
    return connection.inTransaction("note that vast-" + instanceId + " is healthy after its set-up overran",
        c -> setups.clearOverdue(c, instanceId));
  }

  @Override
  public void addPoolMember(dev.vastbot.fleet.autoscale.PoolMember member) {
    Objects.requireNonNull(member, "member");
    connection.inTransaction("keep vast-" + member.instanceId() + " in the warm pool of " + member.group(), c -> {
      autoscale.addPoolMember(c, member);
      return null;
    });
  }

  @Override
  public List<dev.vastbot.fleet.autoscale.PoolMember> poolMembers() {
    return reads.inTransaction("read the warm pools", autoscale::poolMembers); // never behind a writer: /vast list reads it
  }

  @Override
  public boolean removePoolMember(long instanceId) {
    return connection.inTransaction("take vast-" + instanceId + " out of its warm pool",
        c -> autoscale.removePoolMember(c, instanceId));
  }

  @Override
  public void endReplacement(long instanceId) {
    connection.inTransaction("end the replacements of vast-" + instanceId, c -> {
      autoscale.endReplacement(c, instanceId);
      return null;
    });
  }

  @Override
  public long enqueue(NewMessage message, Instant at) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
    return connection.inTransaction("queue a Slack " + message.kind().name().toLowerCase(java.util.Locale.ROOT),
        c -> outbox.enqueue(c, message, at));
  }

  @Override
  public List<OutboxMessage> laneHeads() {
    return connection.inTransaction("read the Slack outbox", outbox::laneHeads);
  }

  @Override
  public Optional<OutboxMessage> outboxMessage(String key) {
    Objects.requireNonNull(key, "key");
    return connection.inTransaction("read a Slack message", c -> outbox.byKey(c, key));
  }

  @Override
  public void markSent(long id, String channel, String ts, Instant at) {
    connection.inTransaction("mark Slack message " + id + " sent", c -> {
      outbox.markSent(c, id, channel, ts, at);
      return null;
    });
  }

  @Override
  public void markRetry(long id, Instant next, String error) {
    connection.inTransaction("put Slack message " + id + " off", c -> {
      outbox.markRetry(c, id, next, error);
      return null;
    });
  }

  @Override
  public void markUndelivered(long id, OutboxMessage.State state, String error, Instant at) {
    connection.inTransaction("mark Slack message " + id + " " + state.name().toLowerCase(java.util.Locale.ROOT), c -> {
      outbox.markUndelivered(c, id, state, error, at);
      return null;
    });
  }

  @Override
  public int pendingMessages() {
    return connection.inTransaction("count the Slack messages waiting", outbox::pending);
  }

  @Override
  public ReservationOutcome reserve(ReservationRequest request, ReservationRule rule) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(rule, "rule");
    return connection.inTransaction("reserve " + request.slots() + " slot(s) for provision " + request.operationId(),
        c -> {
          reservations.lock(c);
          reservations.dropLapsed(c, request.at());
          Optional<Refusal> refusal = rule.refusal(request, reservations.committed(c, request.at()));
          return refusal.isPresent() ? ReservationOutcome.refused(refusal.get())
              : ReservationOutcome.granted(reservations.insert(c, request));
        });
  }

  @Override
  public boolean recordCreated(long reservationId, CreatedInstance created, Instant at, Instant leaseUntil) {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    return connection.inTransaction("record vast-" + created.id() + " as created under reservation " + reservationId,
        c -> {
          reservations.lock(c);
          return reservations.recordCreated(c, reservationId, created, at, leaseUntil);
        });
  }

  @Override
  public void releaseReservation(long reservationId) {
    connection.inTransaction("release reservation " + reservationId, c -> {
      reservations.lock(c);
      reservations.release(c, reservationId);
      return null;
    });
  }

  @Override
  public List<Reservation> openReservations(Instant at) {
    Objects.requireNonNull(at, "at");
    return connection.inTransaction("read the open reservations", c -> reservations.open(c, at));
  }

  @Override
  public void close() {
    try {
      connection.close();
    } finally {
      if (reads != connection) {
        reads.close();
      }
    }
  }

  private static void requireNonNegative(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
  }

  private static void closeAfterFailure(Connection connection, Exception failure) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException closeFailure) {
      failure.addSuppressed(closeFailure);
    }
  }
}
