package dev.vastbot.testing;

import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.HealthStreak;
import dev.vastbot.fleet.LoopTick;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.TrackedInstance;
import dev.vastbot.fleet.cost.SpendLedger;
import dev.vastbot.fleet.outbox.NewMessage;
import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.fleet.port.OutboxStore;
import dev.vastbot.fleet.port.HostKeyPins;
import dev.vastbot.fleet.reservation.Commitments;
import dev.vastbot.fleet.reservation.CreatedInstance;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.fleet.reservation.ReservationOutcome;
import dev.vastbot.fleet.reservation.ReservationRequest;
import dev.vastbot.fleet.reservation.ReservationRule;
import dev.vastbot.fleet.reservation.SlotLabel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/** A FleetStore in memory, for unit tests of the code that uses the port. */
public final class InMemoryFleetStore implements FleetStore, OutboxStore {
  private final Map<Long, TrackedInstance> instances = new TreeMap<>();
  private final Map<Long, Operation> operations = new TreeMap<>();
  private final List<AuditEntry> audit = new ArrayList<>();
  private final List<OutboxMessage> outbox = new ArrayList<>();

  private final Map<Long, Double> rates = new TreeMap<>();
  private final Map<Long, Long> slotTaken = new TreeMap<>();
  private final Map<Long, Instant> unlistedUntil = new TreeMap<>();
  private final Map<Long, Reservation> reservations = new TreeMap<>();
  private long lastReservation;

  @Override
  public synchronized void recordObservation(List<Instance> observed, Instant at) {
    Set<Long> seen = new HashSet<>();
    for (Instance i : observed) {
      seen.add(i.id());
      TrackedInstance old = instances.get(i.id());
      instances.put(i.id(), new TrackedInstance(i.id(), i.label(), i.gpuName(), i.numGpus(),
          i.displayStatus(), old == null ? at : old.firstSeen(), at, null));
      rates.put(i.id(), SpendLedger.committedRate(i));
      unlistedUntil.remove(i.id());
    }
    instances.replaceAll((id, t) -> seen.contains(id) || t.gone() || unlistedUntil.getOrDefault(id, at).isAfter(at)
        ? t : new TrackedInstance(id, t.label(), t.gpuName(), t.numGpus(), t.status(), t.firstSeen(),
            t.lastSeen(), at));
    claimListed(observed, at);
  }

  @Override
  public synchronized void recordGone(long id, Instant at) {
    instances.computeIfPresent(id, (key, t) -> t.gone() ? t : new TrackedInstance(id, t.label(), t.gpuName(),
        t.numGpus(), t.status(), t.firstSeen(), t.lastSeen(), at));
  }

  private void claimListed(List<Instance> observed, Instant at) {
    for (Instance instance : observed) {
      OptionalLong operation = SlotLabel.operationOf(instance.label());
      Optional<Reservation> reservation = reservations.values().stream()
          .filter(r -> r.openAt(at) && operation.isPresent() && r.operationId() == operation.getAsLong())
          .findFirst();
      if (reservation.isPresent() && !slotTaken.containsKey(instance.id())) {
        takeSlot(reservation.get(), instance.id(), instance.dphTotal(), at);
      }
    }
  }

  @Override
  public synchronized ReservationOutcome reserve(ReservationRequest request, ReservationRule rule) {
    reservations.values().removeIf(r -> !r.openAt(request.at()));
    var live = instances.values().stream().filter(t -> !t.gone())
        .map(t -> new Commitments.LiveInstance(t.id(), Optional.ofNullable(autoscaleGroups.get(t.id())),
            rates.getOrDefault(t.id(), 0.0)))
        .toList();
    var refusal = rule.refusal(request, new Commitments(live, List.copyOf(reservations.values()),
        java.util.Set.copyOf(pool.keySet())));
    if (refusal.isPresent()) {
      return ReservationOutcome.refused(refusal.get());
    }
    Reservation granted = request.granted(++lastReservation);
    reservations.put(granted.id(), granted);
    return ReservationOutcome.granted(granted);
  }

  @Override
  public synchronized boolean recordCreated(long reservationId, CreatedInstance created, Instant at,
      Instant leaseUntil) {
    Optional<Reservation> reservation = Optional.ofNullable(reservations.get(reservationId)).filter(r -> r.openAt(at));
    if (!instances.containsKey(created.id())) {
      instances.put(created.id(), new TrackedInstance(created.id(), created.label(), created.gpuName(),
          created.numGpus(), "provisioning", at, at, null));
      rates.put(created.id(), created.ratePerHour());
      unlistedUntil.put(created.id(), leaseUntil);
    }
    if (!slotTaken.containsKey(created.id())) {
      slotTaken.put(created.id(), reservationId);
      reservation.ifPresent(r -> takeSlot(r, created.id(), created.ratePerHour(), at));
    }
    reservation.ifPresent(r -> reservations.computeIfPresent(r.id(), (id, held) -> new Reservation(id,
        held.operationId(), held.group(), held.slots(), held.ratePerHour(), leaseUntil)));
    return reservation.isPresent();
  }

  private void takeSlot(Reservation reservation, long instanceId, double rate, Instant at) {
    slotTaken.put(instanceId, reservation.id());
    reservation.group().ifPresent(group -> autoscaleGroups.putIfAbsent(instanceId, group));
    Reservation held = reservations.get(reservation.id());
    if (held.slots() == 0) {
      return;
    }
    int slots = held.slots() - 1;
    reservations.put(held.id(), new Reservation(held.id(), held.operationId(), held.group(), slots,
        slots == 0 ? 0 : Math.max(0, held.ratePerHour() - rate), held.expiresAt()));
  }

  @Override
  public synchronized void releaseReservation(long reservationId) {
    reservations.remove(reservationId);
  }

  @Override
  public synchronized List<Reservation> openReservations(Instant at) {
    return reservations.values().stream().filter(r -> r.openAt(at)).toList();
  }

  @Override
  public synchronized List<TrackedInstance> trackedInstances() {
    return List.copyOf(instances.values());
  }

  @Override
  public synchronized Optional<TrackedInstance> trackedInstance(long id) {
    return Optional.ofNullable(instances.get(id));
  }

  @Override
  public synchronized long startOperation(String kind, String by, String target, Instant at) {
    long id = operations.size() + 1;
    operations.put(id, new Operation(id, kind, by, target, OperationState.REQUESTED, null, at, at));
    return id;
  }

  @Override
  public synchronized void updateOperation(long id, OperationState state, String detail, Instant at) {
    Operation o = operations.get(id);
    operations.put(id, new Operation(id, o.kind(), o.requestedBy(), o.target(), state, detail,
        o.createdAt(), at));
  }

  @Override
  public synchronized Optional<Operation> operation(long id) {
    return Optional.ofNullable(operations.get(id));
  }

  @Override
  public synchronized List<Operation> recentOperations(int limit) {
    return operations.values().stream()
        .sorted(Comparator.comparingLong(Operation::id).reversed()).limit(limit).toList();
  }

  @Override
  public synchronized List<Operation> openOperations(String kind) {
    return operations.values().stream()
        .filter(o -> o.kind().equals(kind) && !o.state().finished()).toList();
  }

  @Override
  public synchronized void appendAudit(AuditEntry entry) {
    audit.add(entry);
  }

  @Override
  public synchronized List<AuditEntry> recentAudit(int limit) {
    List<AuditEntry> newest = new ArrayList<>(audit);
    java.util.Collections.reverse(newest);
    return newest.stream().limit(limit).toList();
  }

  private final Map<Long, HealthStreak> streaks = new TreeMap<>();
  private final Map<String, LoopTick> ticks = new TreeMap<>();

  @Override
  public synchronized HealthStreak recordHealthCheck(long id, boolean healthy, String level, Instant at) {
    int failures = healthy ? 0 : Optional.ofNullable(streaks.get(id)).map(HealthStreak::consecutiveFailures).orElse(0) + 1;
    HealthStreak streak = new HealthStreak(id, failures, level, at);
    streaks.put(id, streak);
    return streak;
  }

  @Override
  public synchronized Optional<HealthStreak> healthStreak(long id) {
    return Optional.ofNullable(streaks.get(id));
  }

  @Override
  public synchronized void recordLoopTick(LoopTick tick) {
    ticks.put(tick.loop(), tick);
  }

  @Override
  public synchronized Optional<LoopTick> lastLoopTick(String loop) {
    return Optional.ofNullable(ticks.get(loop));
  }

  private final Map<Long, dev.vastbot.fleet.approval.ApprovalRequest> approvals = new TreeMap<>();
  private final Map<Long, dev.vastbot.fleet.TerminationRecord> terminations = new TreeMap<>();
  private final Map<Long, dev.vastbot.fleet.sync.SyncRecord> syncs = new TreeMap<>();

  @Override
  public synchronized boolean transitionOperation(long id, OperationState expected, OperationState next,
      String detail, Instant at) {
    Operation o = operations.get(id);
    if (o == null || o.state() != expected) {
      return false;
    }
    updateOperation(id, next, detail, at);
    return true;
  }

  @Override
  public synchronized void recordApprovalRequest(dev.vastbot.fleet.approval.ApprovalRequest request) {
    approvals.put(request.operationId(), request);
  }

  @Override
  public synchronized Optional<dev.vastbot.fleet.approval.ApprovalRequest> approvalRequest(long operationId) {
    return Optional.ofNullable(approvals.get(operationId));
  }

  @Override
  public synchronized List<dev.vastbot.fleet.approval.ApprovalRequest> pendingApprovals() {
    return approvals.values().stream().filter(dev.vastbot.fleet.approval.ApprovalRequest::pending).toList();
  }

  @Override
  public synchronized boolean decideApproval(long operationId, dev.vastbot.fleet.approval.ApprovalDecision decision,
      String decidedBy, Instant at) {
    var request = approvals.get(operationId);
    if (request == null || !request.pending()) {
      return false;
    }
    approvals.put(operationId, new dev.vastbot.fleet.approval.ApprovalRequest(operationId, request.action(),
        request.target(), request.requestedBy(), request.summary(), request.createdAt(), request.expiresAt(),
        decision, decidedBy, at));
    return true;
  }

  @Override
  public synchronized void recordTermination(dev.vastbot.fleet.TerminationRecord termination) {
    terminations.put(termination.operationId(), termination);
  }

  @Override
  public synchronized Optional<dev.vastbot.fleet.TerminationRecord> termination(long operationId) {
    return Optional.ofNullable(terminations.get(operationId));
  }

  @Override
  public synchronized void recordSync(dev.vastbot.fleet.sync.SyncRecord sync) {
    syncs.put(sync.instanceId(), sync);
  }

  @Override
  public synchronized List<dev.vastbot.fleet.sync.SyncRecord> syncRecords() {
    return List.copyOf(syncs.values());
  }

  private final Map<Long, dev.vastbot.fleet.ProvisionOrder> orders = new TreeMap<>();

  @Override
  public synchronized void recordProvisionOrder(long operationId, dev.vastbot.fleet.ProvisionOrder order) {
    orders.put(operationId, order);
  }

  @Override
  public synchronized Optional<dev.vastbot.fleet.ProvisionOrder> provisionOrder(long operationId) {
    return Optional.ofNullable(orders.get(operationId));
  }

  private final Map<Long, dev.vastbot.fleet.ProvisionPrice> prices = new TreeMap<>();

  @Override
  public synchronized void recordProvisionPrice(long operationId, dev.vastbot.fleet.ProvisionPrice price) {
    if (prices.putIfAbsent(operationId, price) != null) {
      throw new IllegalStateException("provision " + operationId + " is priced already");
    }
  }

  @Override
  public synchronized Optional<dev.vastbot.fleet.ProvisionPrice> provisionPrice(long operationId) {
    return Optional.ofNullable(prices.get(operationId));
  }

  private final Map<String, dev.vastbot.fleet.AlertThread> threads = new java.util.LinkedHashMap<>();

  @Override
  public synchronized boolean openAlertThread(dev.vastbot.fleet.AlertThread thread) {
    var existing = threads.get(thread.incident());
    if (existing != null && existing.open()) {
      return false;
    }
    threads.remove(thread.incident());
    threads.put(thread.incident(), thread);
    return true;
  }

  @Override
  public synchronized Optional<dev.vastbot.fleet.AlertThread> alertThread(String incident) {
    return Optional.ofNullable(threads.get(incident));
  }

  @Override
  public synchronized List<dev.vastbot.fleet.AlertThread> openAlertThreads() {
    return threads.values().stream().filter(dev.vastbot.fleet.AlertThread::open).toList();
  }

  @Override
  public synchronized void markAlertMentioned(String incident, Instant at) {
    var existing = threads.get(incident);
    if (existing != null && existing.open()) {
      threads.put(incident, new dev.vastbot.fleet.AlertThread(incident, existing.threadKey(), existing.openedAt(),
          null, at));
    }
  }

  @Override
  public synchronized boolean resolveAlertThread(String incident, Instant at) {
    var existing = threads.get(incident);
    if (existing == null || !existing.open()) {
      return false;
    }
    threads.put(incident, new dev.vastbot.fleet.AlertThread(incident, existing.threadKey(), existing.openedAt(), at,
        existing.lastMentionedAt()));
    return true;
  }

  private final Map<Long, Instant> idleSince = new TreeMap<>();

  @Override
  public synchronized Optional<Instant> recordGpuIdle(long instanceId, boolean idle, Instant at) {
    if (!idle) {
      idleSince.remove(instanceId);
      return Optional.empty();
    }
    return Optional.of(idleSince.computeIfAbsent(instanceId, id -> at));
  }

  private final Map<Long, String> pinned = new TreeMap<>();

  /** Host-key pins kept beside the rest, as the JDBC store does. */
  public HostKeyPins pins() {
    return new HostKeyPins() {
      @Override
      public Optional<String> pinnedKey(long instanceId) {
        synchronized (InMemoryFleetStore.this) {
          return Optional.ofNullable(pinned.get(instanceId));
        }
      }

      @Override
      public void pin(long instanceId, String publicKey, Instant at) {
        synchronized (InMemoryFleetStore.this) {
          pinned.putIfAbsent(instanceId, publicKey);
        }
      }

      @Override
      public void unpin(long instanceId) {
        synchronized (InMemoryFleetStore.this) {
          pinned.remove(instanceId);
        }
      }
    };
  }

  @Override
  public synchronized long enqueue(NewMessage message, Instant at) {
    if (message.key() != null) {
      Optional<OutboxMessage> queued = outboxMessage(message.key());
      if (queued.isPresent()) {
        return queued.get().id();
      }
    }
    if (message.kind() == OutboxMessage.Kind.UPDATE) {
      outbox.replaceAll(m -> m.state() == OutboxMessage.State.PENDING && m.kind() == OutboxMessage.Kind.UPDATE
          && message.parentKey().equals(m.parentKey()) ? with(m, OutboxMessage.State.SUPERSEDED, m.attempts(),
          m.nextAttemptAt(), m.lastError(), null, null) : m);
    }
    long id = outbox.size() + 1;
    outbox.add(new OutboxMessage(id, message.lane(), message.kind(), message.key(), message.parentKey(),
        message.payload(), message.file(), at, message.deadline(), OutboxMessage.State.PENDING, 0, at, null, null,
        null));
    return id;
  }

  @Override
  public synchronized List<OutboxMessage> laneHeads() {
    var heads = new java.util.LinkedHashMap<String, OutboxMessage>();
    outbox.stream().filter(m -> m.state() == OutboxMessage.State.PENDING).forEach(m -> heads.putIfAbsent(m.lane(), m));
    return List.copyOf(heads.values());
  }

  @Override
  public synchronized Optional<OutboxMessage> outboxMessage(String key) {
    return outbox.stream().filter(m -> key.equals(m.key())).findFirst();
  }

  @Override
  public synchronized void markSent(long id, String channel, String ts, Instant at) {
    OutboxMessage m = outbox.get((int) id - 1);
    outbox.set((int) id - 1, with(m, OutboxMessage.State.SENT, m.attempts() + 1, m.nextAttemptAt(), null, channel,
        ts));
  }

  @Override
  public synchronized void markRetry(long id, Instant next, String error) {
    OutboxMessage m = outbox.get((int) id - 1);
    if (m.state() == OutboxMessage.State.PENDING) {
      outbox.set((int) id - 1, with(m, m.state(), m.attempts() + 1, next, error, null, null));
    }
  }

  @Override
  public synchronized void markUndelivered(long id, OutboxMessage.State state, String error, Instant at) {
    OutboxMessage m = outbox.get((int) id - 1);
    if (m.state() == OutboxMessage.State.PENDING) {
      outbox.set((int) id - 1, with(m, state, m.attempts(), m.nextAttemptAt(), error, null, null));
    }
  }

  @Override
  public synchronized int pendingMessages() {
    return (int) outbox.stream().filter(m -> m.state() == OutboxMessage.State.PENDING).count();
  }

  /** Every message queued, in order. */
  public synchronized List<OutboxMessage> outbox() {
    return List.copyOf(outbox);
  }

  private static OutboxMessage with(OutboxMessage m, OutboxMessage.State state, int attempts, Instant next,
      String error, String channel, String ts) {
    return new OutboxMessage(m.id(), m.lane(), m.kind(), m.key(), m.parentKey(), m.payload(), m.file(),
        m.createdAt(), m.deadline(), state, attempts, next, error, channel, ts);
  }

  @Override
  public void close() {}

  private final Map<java.time.LocalDate, Map<Long, Double>> spend = new TreeMap<>();
  private Instant spendMark;
  private final java.util.TreeSet<java.time.LocalDate> costWarnings = new java.util.TreeSet<>();

  @Override
  public synchronized boolean accrueSpend(dev.vastbot.fleet.cost.Accrual accrual) {
    if (!java.util.Objects.equals(spendMark, accrual.from())) {
      return false;
    }
    spendMark = accrual.until();
    for (var each : accrual.spends()) {
      spend.computeIfAbsent(each.day(), day -> new TreeMap<>()).merge(each.instanceId(), each.dollars(), Double::sum);
    }
    return true;
  }

  @Override
  public synchronized Optional<Instant> spendMark() {
    return Optional.ofNullable(spendMark);
  }

  @Override
  public synchronized List<dev.vastbot.fleet.cost.DailySpend> dailySpend(java.time.LocalDate from,
      java.time.LocalDate to) {
    return spend.entrySet().stream().filter(e -> !e.getKey().isBefore(from) && !e.getKey().isAfter(to))
        .map(e -> new dev.vastbot.fleet.cost.DailySpend(e.getKey(),
            e.getValue().values().stream().mapToDouble(Double::doubleValue).sum()))
        .toList();
  }

  @Override
  public synchronized List<dev.vastbot.fleet.cost.InstanceSpend> instanceSpend(java.time.LocalDate from,
      java.time.LocalDate to) {
    return spend.entrySet().stream().filter(e -> !e.getKey().isBefore(from) && !e.getKey().isAfter(to))
        .flatMap(day -> day.getValue().entrySet().stream().filter(i -> i.getValue() > 0)
            .map(i -> new dev.vastbot.fleet.cost.InstanceSpend(day.getKey(), i.getKey(), i.getValue())))
        .toList();
  }

  @Override
  public synchronized boolean claimCostWarning(java.time.LocalDate day, Instant at) {
    return costWarnings.add(day);
  }

  private final java.util.TreeMap<java.time.LocalDate, String> chargeChecks = new java.util.TreeMap<>();

  @Override
  public synchronized boolean recordChargesCheck(java.time.LocalDate day, Instant at, String outcome) {
    return chargeChecks.putIfAbsent(day, outcome) == null;
  }

  @Override
  public synchronized Optional<java.time.LocalDate> lastChargesCheckDay() {
    return chargeChecks.isEmpty() ? Optional.empty() : Optional.of(chargeChecks.lastKey());
  }

  @Override
  public synchronized Optional<java.time.LocalDate> lastCostWarningDay() {
    return costWarnings.isEmpty() ? Optional.empty() : Optional.of(costWarnings.last());
  }

  private final Map<Long, String> autoscaleGroups = new TreeMap<>();
  private final Map<String, Instant> scaleMarks = new TreeMap<>();

  @Override
  public synchronized String assignAutoscaleGroup(long instanceId, String group, Instant at) {
    return autoscaleGroups.computeIfAbsent(instanceId, id -> group);
  }

  @Override
  public synchronized Map<Long, String> autoscaleGroups() {
    return Map.copyOf(autoscaleGroups);
  }

  @Override
  public synchronized void markScale(String group, String kind, Instant at) {
    scaleMarks.put(group + "\0" + kind, at);
  }

  @Override
  public synchronized Optional<Instant> lastScale(String group, String kind) {
    return Optional.ofNullable(scaleMarks.get(group + "\0" + kind));
  }

  private final Map<String, java.util.TreeMap<Instant, dev.vastbot.fleet.autoscale.DemandReading>> demand =
      new java.util.HashMap<>();

  @Override
  public synchronized void recordDemand(String group, dev.vastbot.fleet.autoscale.DemandReading reading,
      Instant keepSince) {
    var readings = demand.computeIfAbsent(group, name -> new java.util.TreeMap<>());
    readings.put(reading.at(), reading);
    readings.headMap(keepSince).clear();
  }

  @Override
  public synchronized List<dev.vastbot.fleet.autoscale.DemandReading> demandReadings(String group) {
    return List.copyOf(demand.getOrDefault(group, new java.util.TreeMap<>()).values());
  }

  @Override
  public synchronized Optional<Instant> gpuIdleSince(long instanceId) {
    return Optional.ofNullable(idleSince.get(instanceId));
  }

  private final Map<Long, java.util.Map.Entry<Integer, Instant>> games = new TreeMap<>();

  @Override
  public synchronized void recordGamesLastHour(long instanceId, int count, Instant at) {
    games.put(instanceId, java.util.Map.entry(count, at));
  }

  @Override
  public synchronized Optional<Integer> gamesLastHour(long instanceId, Instant since) {
    var entry = games.get(instanceId);
    return entry == null || entry.getValue().isBefore(since) ? Optional.empty() : Optional.of(entry.getKey());
  }

  private final Map<Long, dev.vastbot.fleet.autoscale.PoolMember> pool = new TreeMap<>();

  @Override
  public synchronized void addPoolMember(dev.vastbot.fleet.autoscale.PoolMember member) {
    pool.put(member.instanceId(), member);
  }

  @Override
  public synchronized List<dev.vastbot.fleet.autoscale.PoolMember> poolMembers() {
    return pool.values().stream().sorted(java.util.Comparator.comparing(
        dev.vastbot.fleet.autoscale.PoolMember::stoppedSince).thenComparingLong(
        dev.vastbot.fleet.autoscale.PoolMember::instanceId)).toList();
  }

  @Override
  public synchronized boolean removePoolMember(long instanceId) {
    return pool.remove(instanceId) != null;
  }

  private final Map<Long, dev.vastbot.fleet.Replacement> replacements = new java.util.LinkedHashMap<>();

  @Override
  public synchronized void startReplacement(dev.vastbot.fleet.Replacement replacement) {
    replacements.remove(replacement.oldId());
    replacements.put(replacement.oldId(), replacement);
  }

  @Override
  public synchronized boolean recordReplacementLetGo(long oldId, dev.vastbot.fleet.Replacement.Stage stage,
      long operation) {
    var replacement = replacements.get(oldId);
    if (replacement == null) {
      return false;
    }
    replacements.put(oldId, replacement.leaving(stage, operation));
    return true;
  }

  @Override
  public synchronized List<dev.vastbot.fleet.Replacement> replacements() {
    return replacements.values().stream()
        .sorted(java.util.Comparator.comparing(dev.vastbot.fleet.Replacement::since)
            .thenComparingLong(dev.vastbot.fleet.Replacement::oldId))
        .toList();
  }

  @Override
  public synchronized void endReplacement(long instanceId) {
    replacements.values().removeIf(r -> r.oldId() == instanceId || r.newId() == instanceId);
  }

  /** Each instance's latest set-up and, once ended, its outcome (empty while in progress). */
  private final Map<Long, java.util.Map.Entry<dev.vastbot.fleet.OpenSetup, Optional<String>>> setups =
      new java.util.LinkedHashMap<>();

  @Override
  public synchronized void startSetup(long instanceId, String kind, Instant at) {
    setups.put(instanceId, java.util.Map.entry(new dev.vastbot.fleet.OpenSetup(instanceId, kind, at),
        Optional.empty()));
  }

  @Override
  public synchronized boolean endSetup(dev.vastbot.fleet.OpenSetup begun, String outcome, Instant at) {
    var setup = setups.get(begun.instanceId());
    if (setup == null || setup.getValue().isPresent() || !setup.getKey().kind().equals(begun.kind())
        || setup.getKey().startedAt().toEpochMilli() != begun.startedAt().toEpochMilli()) {
      return false;
    }
    setups.put(begun.instanceId(), java.util.Map.entry(setup.getKey(), Optional.of(outcome)));
    return true;
  }

  @Override
  public synchronized java.util.Set<Long> overdueSetups() {
    java.util.Set<Long> ids = new java.util.TreeSet<>();
    setups.forEach((id, setup) -> {
      if (setup.getValue().equals(Optional.of(dev.vastbot.fleet.OpenSetup.OVERDUE))) {
        ids.add(id);
      }
    });
    return ids;
  }

  @Override
  public synchronized boolean clearOverdueSetup(long instanceId) {
    var setup = setups.get(instanceId);
    if (setup == null || !setup.getValue().equals(Optional.of(dev.vastbot.fleet.OpenSetup.OVERDUE))) {
      return false;
    }
    setups.put(instanceId, java.util.Map.entry(setup.getKey(), Optional.of("overdue, healthy later")));
    return true;
  }

  @Override
  public synchronized List<dev.vastbot.fleet.OpenSetup> openSetups() {
    return setups.values().stream().filter(s -> s.getValue().isEmpty()).map(java.util.Map.Entry::getKey)
        .sorted(java.util.Comparator.comparing(dev.vastbot.fleet.OpenSetup::startedAt)
            .thenComparingLong(dev.vastbot.fleet.OpenSetup::instanceId))
        .toList();
  }
}
