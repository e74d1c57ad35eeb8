package dev.vastbot.service.autoscale;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProvisionResult;
import dev.vastbot.service.provision.Provisioner;
import dev.vastbot.fleet.RentalType;
import dev.vastbot.fleet.Replacement;
import dev.vastbot.fleet.health.HealthLevel;
import dev.vastbot.fleet.reservation.Cap;
import dev.vastbot.fleet.reservation.RentScope;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.service.termination.Terminator;
import dev.vastbot.service.work.Keepalive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.DemandGuard;
import dev.vastbot.fleet.autoscale.DemandReading;
import dev.vastbot.fleet.autoscale.DemandTrend;
import dev.vastbot.fleet.autoscale.DemandTrigger;
import dev.vastbot.fleet.autoscale.GroupDecision;
import dev.vastbot.fleet.autoscale.GroupInstance;
import dev.vastbot.fleet.autoscale.GroupObservation;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.OfferPreference;
import dev.vastbot.fleet.autoscale.OfferRanking;
import dev.vastbot.fleet.autoscale.PendingReplacement;
import dev.vastbot.fleet.autoscale.PoolMember;
import dev.vastbot.fleet.autoscale.RankedOffer;
import dev.vastbot.fleet.autoscale.Reaction;
import dev.vastbot.fleet.autoscale.ReplacementChoice;
import dev.vastbot.fleet.autoscale.ReplacementRows;
import dev.vastbot.fleet.autoscale.ScaleUpBudget;
import dev.vastbot.fleet.autoscale.ScalingDecider;
import dev.vastbot.fleet.autoscale.ScalingDecision;
import dev.vastbot.fleet.autoscale.Spend;
import dev.vastbot.fleet.autoscale.SpendSoFar;
import dev.vastbot.fleet.autoscale.WarmPool;
import dev.vastbot.fleet.autoscale.WarmPoolKeeper;
import dev.vastbot.fleet.port.DemandReader;
import dev.vastbot.fleet.port.HealthCheck;
/**
 * The autoscaler's tick: observe every group (the fleet, health and idleness from the store, the
 * demand signal, spend so far, the cooldown marks, offers), decide each with {@link
 * ScalingDecider}, act (rent through the {@link Provisioner}, terminate through the {@link
 * Terminator}'s safe path, ask for approval when a budget cap stops a scale-up), and record (the
 * cooldown marks, the audit log). Everything it remembers is in the store, so a restart or another
 * replica carries on from there.
 *
 * <p>An instance belongs to the group recorded for it in the store: the group that rented it, or,
 * for an instance it did not rent, the first group whose GPU types take it, recorded at first
 * sight. Instances with a termination under way are left out of their group's size (they are
 * leaving), so they are neither replaced nor scaled down twice.
 */
public final class Autoscaler {
  /** Who the autoscaler's own actions are by, in the journal and the audit log. */
  public static final Actor ACTOR = new Actor(Provisioner.POLICY_ACTOR);
  private static final int OFFERS_PER_GROUP = 40;

  private final AutoscalerPolicy policy;
  private final FleetSnapshots fleet;
  private final GpuProvider provider;
  private final FleetStore store;
  private final DemandReader demand;
  private final Provisioner provisioner;
  private final Terminator terminator;
  private final HealthCheck health;
  private final Clock clock;
  private final DemandPoll poll;
  /** One decision at a time in this process: the loops' ticks and polls never decide side by side. */
  private final java.util.concurrent.locks.ReentrantLock deciding = new java.util.concurrent.locks.ReentrantLock();
  private final PricedApprovals approvals;
  private final Optional<WarmPoolActions> pool;

  /**
   * @param health checks the new instances of replacements at once (the health loop's probe), so
   *     that an old instance can go in the tick that rents its replacement
   */
  public Autoscaler(AutoscalerPolicy policy, FleetSnapshots fleet, GpuProvider provider, FleetStore store,
      DemandReader demand, Provisioner provisioner, Terminator terminator, HealthCheck health, Clock clock) {
    this(policy, fleet, provider, store, demand, provisioner, terminator, health, clock, Optional.empty());
  }

  /**
   * @param pool what parks, restarts and tends the groups' warm pools; empty: no group keeps one
   *     (a scale-down destroys)
   */
  public Autoscaler(AutoscalerPolicy policy, FleetSnapshots fleet, GpuProvider provider, FleetStore store,
      DemandReader demand, Provisioner provisioner, Terminator terminator, HealthCheck health, Clock clock,
      Optional<WarmPoolActions> pool) {
    this.pool = requireNonNull(pool, "pool == null");
    this.policy = requireNonNull(policy, "policy == null");
    this.fleet = requireNonNull(fleet, "fleet == null");
    this.provider = requireNonNull(provider, "provider == null");
    this.store = requireNonNull(store, "store == null");
    this.demand = requireNonNull(demand, "demand == null");
    this.provisioner = requireNonNull(provisioner, "provisioner == null");
    this.terminator = requireNonNull(terminator, "terminator == null");
    this.health = requireNonNull(health, "health == null");
    this.clock = requireNonNull(clock, "clock == null");
    this.poll = new DemandPoll(this, store, clock);
    this.approvals = new PricedApprovals(store, provisioner);
  }

  public AutoscalerPolicy policy() {
    return policy;
  }

  /** One group's decision and what was done about it, for people. */
  public record Outcome(ScalingDecision decision, List<String> done) {
    public Outcome {
      requireNonNull(decision, "decision == null");
      done = List.copyOf(done);
    }
  }

  /**
   * What one group looks like now, with the problems met while looking; the observation is empty
   * when looking failed (the problems say why).
   *
   * @param demandKnown whether the demand signal was read (unread, it counts as 0 and nothing is
   *     scaled down)
   */
  public record Observed(String group, Optional<GroupObservation> observation, boolean demandKnown,
      List<String> problems) {
    public Observed {
      requireNonNull(group, "group == null");
      requireNonNull(observation, "observation == null");
      problems = List.copyOf(problems);
    }
  }

  /**
   * Observes every group now, from the shared fleet snapshot (which the health loop keeps fresh; a
   * command never waits for a full list; {@code --fresh} on the CLI lists first). A failure to get
   * the snapshot fails the whole observation; after that, one group's failure is that group's alone.
   */
  public Map<String, Observed> observe() throws InterruptedException {
    return observe(policy.groups(), true, false); // a view: its reading would hide a crossing from the poll
  }

  /**
   * Observes {@code groups} only: their demand, offers and replacements, not every group's; the
   * demand reading is kept for the trigger and the trend.
   */
  private Map<String, Observed> observe(List<GroupPolicy> groups) throws InterruptedException {
    return observe(groups, true, true);
  }

  /**
   * Observes {@code groups} only; without {@code withOffers} no offer is searched (a poll: the
   * fleet snapshot, the store and the demand signal only); with {@code keepReadings} the demand
   * read is kept for {@link DemandTrigger} (not by views and dry runs, whose reading would make
   * the next poll miss a crossing of the threshold).
   */
  Map<String, Observed> observe(List<GroupPolicy> groups, boolean withOffers, boolean keepReadings)
      throws InterruptedException {
    FleetSnapshot snapshot = fleet.current();
    List<Instance> instances = snapshot.instances();
    Map<String, List<Instance>> members = membersByGroup(instances);
    Set<String> leaving = openTargets(Terminator.KIND);
    Set<String> marked = openTargets(Keepalive.REPLACE);
    Set<Long> pooled = pooledIds(Optional.empty());
    var spend = SpendSoFarReader.read(store, clock.instant().atZone(policy.zone()));
    Map<Long, Instance> byId = instances.stream().collect(Collectors.toMap(Instance::id, i -> i, (a, b) -> a));
    List<Replacement> underWay = store.replacements();
    var observed = new LinkedHashMap<String, Observed>();
    for (GroupPolicy group : groups) {
      var problems = new ArrayList<String>();
      try {
        List<Instance> all = members.getOrDefault(group.name(), List.of());
        List<GroupInstance> own = all.stream()
            .filter(instance -> !leaving.contains(instance.nodeName()) && !pooled.contains(instance.id()))
            .map(instance -> asGroupInstance(group, instance, marked.contains(instance.nodeName()))).toList();
        // a pool member being retired is stopped: it holds no room, as the reservation counts it
        Set<Long> outgoing = all.stream()
            .filter(instance -> leaving.contains(instance.nodeName()) && !pooled.contains(instance.id()))
            .map(Instance::id).collect(Collectors.toSet());
        List<PendingReplacement> replacements = pendingReplacements(group, underWay, own, byId, leaving,
            snapshot.takenAt());
        problems.addAll(ReplacementChoice.heldNotes(replacements));
        OptionalDouble queued = readDemand(group, problems, keepReadings);
        List<Offer> offers = withOffers ? searchOffers(group, problems) : List.of();
        observed.put(group.name(), new Observed(group.name(), Optional.of(new GroupObservation(group.name(),
            own, queued.orElse(0), spend.of(Optional.of(group.name()), instances), store.lastScale(group.name(), "up"),
            store.lastScale(group.name(), "down"), offers, Set.of(), replacements, outgoing)), queued.isPresent(),
            problems));
      } catch (RuntimeException e) {
        problems.add("not observed: " + describe(e));
        observed.put(group.name(), new Observed(group.name(), Optional.empty(), false, problems));
      }
    }
    return observed;
  }

  /**
   * The group's replacements under way, each with where it stands ({@link ReplacementRows}): on
   * trial (passed, waiting, lost), or letting an instance go (held when that let-go ended without
   * destroying it). Reads only.
   */
  private List<PendingReplacement> pendingReplacements(GroupPolicy group, List<Replacement> underWay,
      List<GroupInstance> own, Map<Long, Instance> byId, Set<String> leaving, Instant listedAt) {
    Set<Long> members = own.stream().map(GroupInstance::id).collect(Collectors.toSet());
    return new ReplacementRows(byId, leaving, listedAt, this::passedSince).pending(group.name(), underWay, members);
  }

  /**
   * Before a tick decides: removes the replacements that are over ({@link ReplacementRows#over}), and
   * checks each running new instance that has not passed since its rent; the check is recorded as
   * the health loop records its own, so the observation that follows reads it. What went wrong,
   * for the outcomes.
   */
  private List<String> checkReplacementsNow() throws InterruptedException {
    List<Replacement> underWay = store.replacements();
    if (underWay.isEmpty()) {
      return List.of();
    }
    Map<Long, Instance> byId = fleet.current().instances().stream()
        .collect(Collectors.toMap(Instance::id, i -> i, (a, b) -> a));
    Set<String> leaving = openTargets(Terminator.KIND);
    var rows = new ReplacementRows(byId, leaving, clock.instant(), this::passedSince);
    var toCheck = new ArrayList<Instance>();
    for (Replacement replacement : underWay) {
      if (rows.over(replacement)) {
        store.endReplacement(replacement.oldId()); // nothing left to replace, or the one let go is gone
        continue;
      }
      if (replacement.stage() != Replacement.Stage.TRIAL) {
        continue; // its new one passed already, or failed its trial
      }
      Instance fresh = byId.get(replacement.newId());
      if (fresh != null && !passedSince(fresh.id(), replacement.since())) {
        toCheck.add(fresh);
      }
    }
    var problems = new ArrayList<String>();
    checkNow(toCheck, problems);
    return problems;
  }

  /** Whether the store holds a check of the instance since {@code since} that passes. */
  private boolean passedSince(long id, Instant since) {
    return store.healthStreak(id)
        .filter(streak -> !streak.lastChecked().isBefore(since))
        .flatMap(streak -> HealthLevel.ofDisplay(streak.lastLevel()))
        .filter(HealthCheck::passes)
        .isPresent();
  }

  /** Checks the running ones among {@code instances} now; a failed check is a problem, not a stop. */
  private Map<Long, HealthLevel> checkNow(List<Instance> instances, List<String> problems)
      throws InterruptedException {
    List<Instance> running = instances.stream()
        .filter(instance -> instance.state() == dev.vastbot.fleet.InstanceState.RUNNING).toList();
    if (running.isEmpty()) {
      return Map.of();
    }
    try {
      return health.check(running);
    } catch (RuntimeException e) {
      problems.add("the replacements' health check failed: " + describe(e));
      return Map.of();
    }
  }

  private static String describe(RuntimeException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /**
   * One tick over every group: decide and, unless {@code dryRun}, act. A group's failure is its own
   * outcome (a hold that says why); the other groups are still decided.
   */
  public List<Outcome> tick(boolean dryRun) throws InterruptedException {
    return tick(policy.groups(), dryRun, List.of());
  }

  /**
   * A full tick of {@code groups} only, each outcome led by {@code why}; each group's tick is
   * marked in the store ({@link DemandPoll#TICK_MARK}) unless {@code dryRun}.
   */
  List<Outcome> tick(List<GroupPolicy> groups, boolean dryRun, List<String> why) throws InterruptedException {
    deciding.lockInterruptibly();
    try {
      List<String> checking = dryRun ? List.of() : checkReplacementsNow();
      Map<String, List<String>> tended = dryRun ? Map.of() : tendPools(groups);
      var outcomes = new ArrayList<Outcome>();
      for (Observed observed : observe(groups, true, !dryRun).values()) {
        var problems = new ArrayList<>(why);
        problems.addAll(checking);
        problems.addAll(tended.getOrDefault(observed.group(), List.of()));
        problems.addAll(observed.problems());
        if (!dryRun) {
          store.markScale(observed.group(), DemandPoll.TICK_MARK, clock.instant());
        }
        outcomes.add(tickOne(new Observed(observed.group(), observed.observation(), observed.demandKnown(),
            problems), dryRun));
      }
      return outcomes;
    } finally {
      deciding.unlock();
    }
  }

  /**
   * The bot's poll between ticks: every group's demand is read (no offer search, no SSH) and kept,
   * and the groups whose {@link DemandTrigger} fires are decided at once, with every cap, cooldown
   * and budget of a tick. The outcomes of those groups only.
   */
  public List<Outcome> poll() throws InterruptedException {
    return poll.poll(policy.groups());
  }

  /**
   * What {@code autoscaler --check} does each time cron runs it: a full tick of each group whose
   * tick is due ({@code tick_minutes} since its last, or polling off), a poll of the others (their
   * decision runs when the trigger fires). One outcome per group.
   */
  public List<Outcome> tickWhenDue(boolean dryRun) throws InterruptedException {
    return poll.tickWhenDue(dryRun);
  }

  private Outcome tickOne(Observed looked, boolean dryRun) throws InterruptedException {
    if (looked.observation().isEmpty()) {
      return new Outcome(ScalingDecision.hold(looked.group(), List.of("the group could not be observed")),
          looked.problems());
    }
    try {
      Observed observed = withRebids(looked, dryRun);
      ScalingDecision decision = demandGuarded(observed, ScalingDecider.decide(policy, observed.observation().get(),
          clock.instant(), DemandTrend.of(store.demandReadings(observed.group()), clock.instant(),
              policy.reaction().bootEstimate())));
      return dryRun ? new Outcome(decision, withProblems(observed, List.of("dry run: nothing done")))
          : act(observed, decision, ACTOR);
    } catch (RuntimeException e) {
      return new Outcome(ScalingDecision.hold(looked.group(), List.of("the tick failed: " + describe(e))),
          looked.problems());
    }
  }

  /**
   * In a group that rebids outbid instances ({@code on_outbid: rebid}), raises each outbid one's bid
   * to the group's ceiling (Vast resumes it when the bid wins); one already at the ceiling waits,
   * and says so. The lines join the group's outcome.
   */
  private Observed withRebids(Observed observed, boolean dryRun) {
    GroupPolicy group = policy.group(observed.group()).orElseThrow();
    OfferPreference offers = group.offers();
    if (offers.rentalType() != RentalType.BID || offers.onOutbid() != OfferPreference.OutbidAction.REBID) {
      return observed;
    }
    var lines = new ArrayList<>(observed.problems());
    for (GroupInstance instance : observed.observation().orElseThrow().instances()) {
      if (!instance.outbid()) {
        continue;
      }
      double bid = Math.max(0, instance.dphTotal() - instance.storageDph());
      if (bid >= offers.bidCeiling() - 0.0005) {
        lines.add(String.format(Locale.ROOT, "vast-%d was outbid at its bid ceiling $%.3f/h: it resumes when"
            + " it wins again (on_outbid: replace would replace it)", instance.id(), offers.bidCeiling()));
      } else if (dryRun) {
        lines.add(String.format(Locale.ROOT, "vast-%d was outbid: would raise its bid from $%.3f to the"
            + " ceiling $%.3f/h", instance.id(), bid, offers.bidCeiling()));
      } else {
        try {
          provider.changeBid(instance.id(), offers.bidCeiling());
          lines.add(String.format(Locale.ROOT, "vast-%d was outbid: raised its bid from $%.3f to the ceiling"
              + " $%.3f/h", instance.id(), bid, offers.bidCeiling()));
          store.appendAudit(new AuditEntry(clock.instant(), ACTOR.id(), "rebid", "vast-" + instance.id(),
              String.format(Locale.ROOT, "$%.3f/h -> $%.3f/h", bid, offers.bidCeiling())));
        } catch (ProviderException e) {
          lines.add("vast-" + instance.id() + " was outbid; raising its bid failed: " + e.getMessage());
        }
      }
    }
    return new Observed(observed.group(), observed.observation(), observed.demandKnown(), lines);
  }

  /**
   * Rents an approved provision request of a group (a scale-up a budget cap stopped, the
   * autoscaler's or a person's), as the group rents: its best offers now (GPU types, price ceiling
   * of the window, reliability floor, rental type, bids), at most to the window's maximum, and the
   * new instances recorded as the group's. Re-priced first: when those offers, or all groups'
   * forecast, cost more than the request was approved at, nothing is rented, the request is
   * closed and approval is asked again with the old and the new cost (the result awaits
   * approval). A request of a group no longer configured is rented as a person's provision would
   * be, at the price it was asked with, and so is any other provision ({@code /vast provision}).
   */
  public ProvisionResult runApproved(long operation, Actor actor) throws InterruptedException {
    String target = store.operation(operation).map(Operation::target).orElse("");
    Optional<GroupPolicy> group = policy.groups().stream()
        .filter(candidate -> target.startsWith(targetPrefix(candidate.name()))).findFirst();
    if (group.isEmpty()) {
      return provisioner.runApproved(operation, actor);
    }
    GroupObservation now;
    try {
      now = observable(observedGroup(Optional.of(group.get().name())));
    } catch (RuntimeException e) {
      // refused with the reason, so the approved request ends instead of staying approved and unrented
      return provisioner.rentApproved(operation, List.of(), bidFor(group.get()),
          RentScope.group(group.get().name(), Set.of()), actor, group.get().name() + " could not be observed: "
          + describe(e));
    }
    var limits = group.get().limitsAt(clock.instant().atZone(policy.zone()));
    int room = Math.max(0, limits.maxInstances() - now.serving().size());
    int count = Math.min(provisioner.orderOf(operation).count(), room);
    var ranking = new OfferRanking(group.get(), limits);
    List<Offer> offers = ranking.rank(now).stream().limit(count).map(RankedOffer::offer).toList();
    if (!offers.isEmpty()) { // re-priced now: more than approved rents nothing and asks again
      Optional<ProvisionResult> again = approvals.reaskIfPassed(operation, targetPrefix(group.get().name()), offers,
          PricedApprovals.price(group.get(), offers, now.spend().total().ratePerHour()), actor);
      if (again.isPresent()) {
        return again.get();
      }
    }
    String whyNone = room == 0
        ? String.format(Locale.ROOT, "%s is at its maximum %d (window %s) now", group.get().name(),
            limits.maxInstances(), limits.window())
        : ranking.nothingFound();
    // the approval lifts the budget it was asked over; the group's and the fleet's slots still hold
    RentScope scope = RentScope.group(group.get().name(), leaving(group.get().name(), now)).waiving(Cap.BUDGET);
    ProvisionResult result = provisioner.rentApproved(operation, offers, bidFor(group.get()), scope, actor, whyNone);
    for (var boot : result.boots()) {
      store.assignAutoscaleGroup(boot.id(), group.get().name(), clock.instant());
    }
    store.markScale(group.get().name(), "up", clock.instant());
    return result;
  }

  /** A person's scale-up by {@code count} in {@code groupName} (empty: the first group). */
  public Outcome scaleUp(Optional<String> groupName, int count, Actor actor) throws InterruptedException {
    Observed observed = observedGroup(groupName);
    return act(observed, ScalingDecider.scaleUpBy(policy, observable(observed), count, clock.instant()), actor);
  }

  /** A person's scale-down by {@code count} in {@code groupName} (empty: the first group). */
  public Outcome scaleDown(Optional<String> groupName, int count, Actor actor) throws InterruptedException {
    Observed observed = observedGroup(groupName);
    return act(observed, ScalingDecider.scaleDownBy(policy, observable(observed), count, clock.instant()), actor);
  }

  private static GroupObservation observable(Observed observed) {
    return observed.observation().orElseThrow(() -> new IllegalStateException(
        String.join("; ", observed.problems())));
  }

  private Observed observedGroup(Optional<String> groupName) throws InterruptedException {
    String name = groupName.orElseGet(() -> policy.groups().isEmpty() ? "" : policy.groups().get(0).name());
    GroupPolicy group = policy.group(name).orElseThrow(() -> new IllegalArgumentException(
        policy.groups().isEmpty() ? "the autoscaler has no groups configured"
            : "no autoscaler group " + name + " (groups: "
                + policy.groups().stream().map(GroupPolicy::name).collect(Collectors.joining(", ")) + ")"));
    return observe(List.of(group)).get(name);
  }

  /**
   * Starts the group's scale-up cooldown: only once something was restarted or created (a storm of
   * errors or a refused reservation starts none, so the demand trigger stays awake), and never by a
   * replacement's rent.
   */
  private void markScaledUp(String group) {
    store.markScale(group, "up", clock.instant());
  }

  /** With the demand unknown nothing is scaled down ({@link DemandGuard}, which the policy view shares). */
  private static ScalingDecision demandGuarded(Observed observed, ScalingDecision decision) {
    return DemandGuard.apply(observed.demandKnown(), decision);
  }

  private Outcome act(Observed observed, ScalingDecision decision, Actor actor) throws InterruptedException {
    var done = new ArrayList<String>();
    String group = decision.group();
    try {
      switch (decision.kind()) {
        case UP -> {
          var restarted = restartFromPool(observed, decision, actor, done);
          if (restarted.running() > 0) {
            markScaledUp(group);
          }
          if (restarted.running() < decision.offers().size()) {
            List<Offer> fresh = decision.offers().subList(0, decision.offers().size() - restarted.running());
            var leavingNow = new HashSet<>(leaving(observed));
            leavingNow.addAll(restarted.letGo());
            var rented = rentReporting(group, fresh, leavingNow, actor, done);
            if (rented.created() > 0) {
              markScaledUp(group);
            }
            retryTaken(observed, decision, rented, actor, done);
          }
        }
        case DOWN -> {
          recordNewOnesLeaving(parkOrTerminate(observed, decision.instanceIds(), actor, decision.summary(), done));
        }
        case REPLACE -> {
          if (decision.offers().isEmpty()) {
            letGo(group, decision.instanceIds(), actor, decision.summary(), done);
          } else {
            replace(observed, decision, actor, done);
          }
        }
        case NEEDS_APPROVAL -> {
          if (decision.instanceIds().isEmpty()) {
            askApproval(observed, decision, actor, done);
          } else {
            // an approved provision would not know what it replaces, and a later tick would replace
            // again: a person does the two steps instead
            done.add("no approval asked: replacing " + ids(decision.instanceIds()) + " would pass the budget;"
                + " raise the budget, or rent by hand (/vast scale-up) and then /vast shutdown the old one");
          }
        }
        case HOLD -> { }
      }
    } catch (ProviderException e) {
      done.add("failed: " + e.getMessage());
    }
    if (decision.kind() != ScalingDecision.Kind.HOLD) {
      store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "autoscale-" + decision.kind().name()
          .toLowerCase(Locale.ROOT).replace('_', '-'), group, decision.summary()
          + (done.isEmpty() ? "" : " → " + String.join("; ", done))));
    }
    return new Outcome(decision, withProblems(observed, done));
  }

  /**
   * Rents the replacements and records which new instance stands in for which old one; checks the
   * new ones at once, and lets each old one go whose new one passed. The others stay until theirs
   * passes (a later tick), or until the group's window runs out.
   */
  private void replace(Observed observed, ScalingDecision decision, Actor actor, List<String> done)
      throws InterruptedException {
    String group = decision.group();
    List<Long> olds = decision.instanceIds();
    Rented first = rentReporting(group, decision.offers(), replacing(observed, olds), actor, done);
    Rented rented = first.running().size() >= olds.size() ? first
        : first.and(retryTakenReplacements(observed, decision, first, actor, done));
    List<Long> news = rented.running();
    Instant now = clock.instant();
    var pairs = new LinkedHashMap<Long, Long>();
    for (int i = 0; i < olds.size(); i++) {
      if (i < news.size()) {
        store.startReplacement(new Replacement(olds.get(i), news.get(i), group, now));
        pairs.put(olds.get(i), news.get(i));
      } else {
        done.add("vast-" + olds.get(i) + " stays: no replacement runs yet; a later tick tries again");
      }
    }
    List<Instance> fresh = rented.instances();
    var problems = new ArrayList<String>();
    Map<Long, HealthLevel> checked = checkNow(fresh, problems);
    done.addAll(problems);
    var passed = new ArrayList<Long>();
    String window = GroupDecision.minutes(policy.group(group).orElseThrow().pacing().replacementHealthWindow());
    pairs.forEach((old, replacement) -> {
      HealthLevel level = checked.get(replacement);
      if (level != null && HealthCheck.passes(level)) {
        passed.add(old);
      } else {
        done.add("vast-" + old + " stays until vast-" + replacement + " passes a health check (within " + window
            + (level == null ? "" : "; now " + level.display()) + ")");
      }
    });
    if (!passed.isEmpty()) {
      letGo(group, passed, actor, "replaced: " + decision.summary(), done);
    }
  }

  /**
   * Replacements short because someone else took some of their offers: the next best offers not
   * tried yet, as many as are missing; one that costs more per hour than the taken one passes the
   * budget forecast first, as the replacement did.
   */
  private Rented retryTakenReplacements(Observed observed, ScalingDecision decision, Rented rented, Actor actor,
      List<String> done) throws InterruptedException {
    int missing = decision.instanceIds().size() - rented.running().size();
    if (rented.takenOffers().isEmpty() || missing <= 0) {
      return Rented.NONE;
    }
    GroupPolicy group = policy.group(decision.group()).orElseThrow();
    GroupObservation before = observed.observation().orElseThrow();
    GroupObservation after = before.withOffersTried(decision.offers());
    List<Offer> next = new OfferRanking(group, group.limitsAt(clock.instant().atZone(policy.zone())))
        .rank(after).stream().limit(missing).map(RankedOffer::offer).toList();
    if (next.isEmpty()) {
      done.add("no other offer to replace with");
      return Rented.NONE;
    }
    double taken = decision.offers().stream().filter(offer -> rented.takenOffers().contains(offer.id()))
        .mapToDouble(Offer::dphTotal).sum();
    double added = next.stream().mapToDouble(Offer::dphTotal).sum() - taken;
    Optional<String> refusal = added > 0
        ? new ScaleUpBudget(policy, group, before.spend(), clock.instant()).refusal(added) : Optional.empty();
    if (refusal.isPresent()) {
      done.add("not replaced by other offers: " + refusal.get());
      return Rented.NONE;
    }
    return rentReporting(decision.group(), next, replacing(observed, decision.instanceIds()), actor, done);
  }

  /**
   * Terminates old instances whose replacements passed. Each replacement's row records the
   * termination and stays until the old one is gone, so a let-go that ends without destroying it
   * holds the old one (not replaced again); one not on the account any more ends its row.
   */
  private void letGo(String group, List<Long> olds, Actor actor, String why, List<String> done)
      throws InterruptedException {
    Map<Long, Long> operations = terminate(group, olds, actor, why, done);
    for (long old : olds) {
      Long operation = operations.get(old);
      if (operation == null || !store.recordReplacementLetGo(old, Replacement.Stage.OLD_LEAVING, operation)) {
        store.endReplacement(old);
      }
    }
  }

  /**
   * After a scale-down: the new instances of replacements on trial among those terminated (they did
   * not pass in time) are recorded as leaving, so their old ones wait until they are gone (and stay
   * unreplaced while a failed let-go holds them). Other rows are left as they are.
   */
  private void recordNewOnesLeaving(Map<Long, Long> operations) {
    var trialsByNew = new HashMap<Long, Replacement>();
    store.replacements().stream().filter(row -> row.stage() == Replacement.Stage.TRIAL)
        .forEach(row -> trialsByNew.put(row.newId(), row));
    operations.forEach((id, operation) -> {
      Replacement trial = trialsByNew.get(id);
      if (trial != null && !store.recordReplacementLetGo(trial.oldId(), Replacement.Stage.NEW_LEAVING, operation)) {
        store.endReplacement(trial.oldId());
      }
    });
  }

  /**
   * The group's instances on their way out, which take no slot of its rents: the old ones of its
   * active replacements, and the ones being terminated (left out of the observation already).
   */
  private Set<Long> leaving(Observed observed) {
    return leaving(observed.group(), observed.observation().orElseThrow());
  }

  private Set<Long> leaving(String group, GroupObservation observation) {
    Set<String> terminating = openTargets(Terminator.KIND);
    var out = new HashSet<Long>();
    store.autoscaleGroups().forEach((id, name) -> {
      if (name.equals(group) && terminating.contains("vast-" + id)) {
        out.add(id);
      }
    });
    Set<Long> serving = observation.serving().stream().filter(GroupInstance::listed).map(GroupInstance::id)
        .collect(Collectors.toSet());
    observation.instances().stream().filter(GroupInstance::listed).map(GroupInstance::id)
        .filter(id -> !serving.contains(id)).forEach(out::add);
    out.addAll(pooledIds(Optional.of(group))); // stopped in its warm pool: no slot, their storage still counts
    return out;
  }

  /** What a replacement of {@code olds} counts as leaving: they, and the group's other leaving ones. */
  private Set<Long> replacing(Observed observed, List<Long> olds) {
    var out = new HashSet<>(leaving(observed));
    out.addAll(olds);
    return out;
  }

  /** How the targets of a group's provisions begin ({@code selfplay-4090: 2 × RTX 4090}). */
  private static String targetPrefix(String group) {
    return group + ": ";
  }

  private static String ids(List<Long> ids) {
    return ids.stream().map(id -> "vast-" + id).collect(Collectors.joining(", "));
  }

  private static List<String> withProblems(Observed observed, List<String> done) {
    var lines = new ArrayList<>(observed.problems());
    lines.addAll(done);
    return lines;
  }

  /**
   * What one rent did: the instances running now (and as Vast last listed them), the offers that
   * were taken meanwhile.
   */
  private record Rented(List<Long> running, List<Instance> instances, List<Offer> offers, List<Long> takenOffers,
      int created) {
    static final Rented NONE = new Rented(List.of(), List.of(), List.of(), List.of(), 0);

    /** This rent and a second one for what it missed. */
    Rented and(Rented more) {
      return new Rented(concat(running, more.running), concat(instances, more.instances), concat(offers, more.offers),
          concat(takenOffers, more.takenOffers), created + more.created);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
      var both = new ArrayList<T>(a);
      both.addAll(b);
      return List.copyOf(both);
    }
  }

  /**
   * Rents {@code offers} for {@code group} under a reservation of the group's ({@code leaving} take
   * no slot), and reports it; a reservation refused rents nothing and says which cap.
   */
  private Rented rentReporting(String group, List<Offer> offers, Set<Long> leaving, Actor actor, List<String> done)
      throws InterruptedException {
    GroupPolicy policyOf = policy.group(group).orElseThrow();
    String what = targetPrefix(group) + offers.size() + " × " + offers.stream().map(Offer::gpuName).distinct()
        .collect(Collectors.joining(", "));
    ProvisionResult result = provisioner.rentOffers(what, offers.size(), offers, bidFor(policyOf),
        RentScope.group(group, leaving), actor);
    if (result.refusal() != null) {
      done.add("not rented (provision " + result.operationId() + "): " + result.refusal());
      return new Rented(List.of(), List.of(), offers, List.of(), 0);
    }
    List<Long> running = new ArrayList<>();
    List<Instance> instances = new ArrayList<>();
    for (var boot : result.boots()) {
      store.assignAutoscaleGroup(boot.id(), group, clock.instant());
      if (boot.kind() == dev.vastbot.fleet.BootOutcome.Kind.RUNNING) {
        running.add(boot.id());
        boot.last().ifPresent(instances::add);
      }
    }
    done.add("rented " + running.size() + " of " + offers.size() + " (provision " + result.operationId() + ")"
        + (running.isEmpty() ? "" : ": " + ids(running)));
    done.addAll(result.notes());
    return new Rented(running, instances, offers, result.takenOffers(), result.boots().size());
  }

  /**
   * A scale-up short because someone else took some of its offers: decided once more, for what is
   * missing, with the offers rented and taken left out and the ones rented counted (their size and
   * their price against the budget), so the next offers are tried within the same caps.
   */
  private void retryTaken(Observed observed, ScalingDecision decision, Rented rented, Actor actor,
      List<String> done) throws InterruptedException {
    int missing = rented.takenOffers().size();
    if (missing == 0) {
      return;
    }
    GroupObservation before = observed.observation().orElseThrow();
    List<Offer> got = rented.offers().stream().filter(offer -> !rented.takenOffers().contains(offer.id())).toList();
    var instances = new ArrayList<>(before.instances());
    // the new instances by their offers, not listed yet: they count, and cost
    got.forEach(offer -> instances.add(GroupInstance.renting(offer)));
    double added = got.stream().mapToDouble(Offer::dphTotal).sum();
    var after = new GroupObservation(before.group(), instances, before.queuedGames(),
        new SpendSoFar(withRate(before.spend().group(), added), withRate(before.spend().total(), added)),
        before.lastScaleUp(), before.lastScaleDown(), before.offers(), before.takenOfferIds(),
        before.replacements()).withOffersTried(rented.offers());
    ScalingDecision retry = ScalingDecider.scaleUpBy(policy, after, missing, clock.instant());
    if (retry.kind() != ScalingDecision.Kind.UP) {
      done.add("not replaced by other offers: " + retry.summary());
      return;
    }
    rentReporting(decision.group(), retry.offers(), leaving(observed), actor, done);
  }

  private static Spend withRate(Spend spend, double added) {
    return new Spend(spend.thisHour(), spend.today(), spend.thisMonth(), spend.ratePerHour() + added);
  }

  private static Function<Offer, Optional<Double>> bidFor(GroupPolicy group) {
    if (group.offers().rentalType() != RentalType.BID) {
      return offer -> Optional.empty();
    }
    return offer -> Optional.of(Math.min(group.offers().bidCeiling(), Math.max(offer.minBid(), offer.dphBase())));
  }

  /** The warm pool members of {@code group} (of every group when empty), by instance id. */
  private Set<Long> pooledIds(Optional<String> group) {
    return store.poolMembers().stream().filter(m -> group.isEmpty() || m.group().equals(group.get()))
        .map(PoolMember::instanceId).collect(Collectors.toSet());
  }

  /** The pools of {@code groups} tended (members gone or running leave, expired ones are destroyed), by group. */
  private Map<String, List<String>> tendPools(List<GroupPolicy> groups) throws InterruptedException {
    if (pool.isEmpty()) {
      return Map.of();
    }
    List<Instance> listed = fleet.current().instances();
    var lines = new HashMap<String, List<String>>();
    for (GroupPolicy group : groups) {
      try {
        lines.put(group.name(), pool.get().tend(group, listed, ACTOR));
      } catch (RuntimeException e) {
        lines.put(group.name(), List.of("the warm pool was not tended: " + describe(e)));
      }
    }
    return lines;
  }

  /** Restarts warm pool members before anything is rented. */
  private WarmPoolActions.Restarted restartFromPool(Observed observed, ScalingDecision decision, Actor actor,
      List<String> done) throws InterruptedException {
    if (pool.isEmpty()) {
      return new WarmPoolActions.Restarted(0, Set.of());
    }
    GroupPolicy group = policy.group(decision.group()).orElseThrow();
    return pool.get().restart(group, decision.offers().size(), leaving(observed), actor, done);
  }

  /**
   * A scale-down: as many as the group's warm pool has room for (and whose disk it admits) are
   * copied, verified and stopped into it, which loses nothing and needs no approval; the others
   * are terminated. A replacement on trial that did not pass is never parked: it is not healthy.
   * The terminations' operations, by instance.
   */
  private Map<Long, Long> parkOrTerminate(Observed observed, List<Long> ids, Actor actor, String why,
      List<String> done) throws InterruptedException {
    String group = observed.group();
    WarmPool warm = policy.group(group).orElseThrow().warmPool();
    if (pool.isEmpty() || !warm.enabled()) {
      return terminate(group, ids, actor, why, done);
    }
    Set<Long> onTrial = observed.observation().orElseThrow().replacements().stream()
        .map(PendingReplacement::newId).collect(Collectors.toSet());
    List<Long> parkable = ids.stream().filter(id -> !onTrial.contains(id)).toList();
    Map<Long, Double> disks = fleet.current().instances().stream()
        .collect(Collectors.toMap(Instance::id, Instance::diskGb, (a, b) -> a));
    var split = WarmPoolKeeper.split(warm, pool.get().members(group).size(), parkable, disks);
    for (long id : split.park()) {
      done.add(pool.get().park(group, id, actor, why));
    }
    var destroyed = new ArrayList<>(split.destroy());
    ids.stream().filter(onTrial::contains).forEach(destroyed::add);
    return terminate(group, destroyed, actor, why, done);
  }

  /** Asks for the terminations (carried on at once when unattended); the operation of each, by instance. */
  private Map<Long, Long> terminate(String group, List<Long> ids, Actor actor, String why, List<String> done)
      throws InterruptedException {
    GroupPolicy policyOf = policy.group(group).orElseThrow();
    store.markScale(group, "down", clock.instant());
    var operations = new LinkedHashMap<Long, Long>();
    for (long id : ids) {
      try {
        var requested = terminator.request(id, actor, false, why);
        Operation operation = requested.operation();
        operations.put(id, operation.id());
        if (requested.joined()) {
          done.add("vast-" + id + ": termination " + operation.id() + " already under way");
          continue;
        }
        if (!policyOf.unattendedScaleDown()) {
          done.add("vast-" + id + ": termination " + operation.id() + " awaits approval");
          continue;
        }
        var decided = terminator.approveByPolicy(operation.id(), group + " unattended_scale_down");
        Operation ended = decided.counted() ? terminator.proceed(operation.id(), SyncProgress.NONE)
            : store.operation(operation.id()).orElse(operation);
        done.add("vast-" + id + ": termination " + operation.id() + " " + ended.state().display()
            + (decided.counted() ? "" : " (" + decided.message() + ")"));
      } catch (InstanceUnavailableException e) {
        done.add("vast-" + id + ": " + e.getMessage());
      }
    }
    return operations;
  }

  /** Asks for approval of the decision's offers at today's price (see {@link PricedApprovals#ask}). */
  private void askApproval(Observed observed, ScalingDecision decision, Actor actor, List<String> done) {
    GroupPolicy group = policy.group(decision.group()).orElseThrow();
    double totalRate = observed.observation().orElseThrow().spend().total().ratePerHour();
    approvals.ask(targetPrefix(group.name()), decision.offers(),
        PricedApprovals.price(group, decision.offers(), totalRate), actor, String.join("; ", decision.reasons()), done);
  }

  private Map<String, List<Instance>> membersByGroup(List<Instance> instances) {
    Map<Long, String> known = store.autoscaleGroups();
    Map<String, List<Instance>> members = new HashMap<>();
    for (Instance instance : instances) {
      String group = known.get(instance.id());
      if (group == null) {
        Optional<GroupPolicy> taker = policy.groups().stream()
            .filter(candidate -> candidate.offers().accepts(instance.gpuName())).findFirst();
        if (taker.isEmpty()) {
          continue; // no group takes its GPU type: not the autoscaler's
        }
        group = store.assignAutoscaleGroup(instance.id(), taker.get().name(), clock.instant());
      }
      members.computeIfAbsent(group, name -> new ArrayList<>()).add(instance);
    }
    return members;
  }

  /** The targets ({@code vast-<id>}) of the operations of {@code kind} not finished yet. */
  private Set<String> openTargets(String kind) {
    return store.openOperations(kind).stream().map(Operation::target).collect(Collectors.toSet());
  }

  /** How long a measured games-per-hour stays the instance's throughput. */
  static final Duration GAMES_RATE_AGE = Duration.ofHours(2);
  /** A measured rate above this many times the table's is not believed (a host can print anything). */
  static final double PLAUSIBLE_RATE_FACTOR = 4;

  /**
   * What the instance's probe counted in the last hour, when recent, above zero and plausible; else
   * 0, for the group's table. A rate measured while the queue ran dry is low, but no scale-up is
   * made on an empty queue, and on a full one the instances are busy.
   */
  private double measuredGamesPerHour(GroupPolicy group, Instance instance) {
    double table = group.throughput().gamesPerHour(instance.gpuName(), instance.numGpus());
    return store.gamesLastHour(instance.id(), clock.instant().minus(GAMES_RATE_AGE))
        .filter(games -> games > 0 && games <= table * PLAUSIBLE_RATE_FACTOR)
        .map(Integer::doubleValue).orElse(0.0);
  }

  private GroupInstance asGroupInstance(GroupPolicy group, Instance instance, boolean marked) {
    var streak = store.healthStreak(instance.id());
    String level = streak.map(s -> s.lastLevel()).orElse("");
    boolean reachable = streak.isPresent() && !level.equals(HealthLevel.UNREACHABLE.display());
    int failures = streak.filter(s -> s.lastLevel().equals(HealthLevel.UNHEALTHY.display())
        || s.lastLevel().equals(HealthLevel.UNREACHABLE.display())).map(s -> s.consecutiveFailures()).orElse(0);
    return new GroupInstance(instance.id(), instance.gpuName(), instance.numGpus(), instance.dphTotal(),
        instance.storageDph(), instance.state(), reachable,
        reachable ? store.gpuIdleSince(instance.id()) : Optional.empty(),
        reachable ? measuredGamesPerHour(group, instance) : 0, marked, failures,
        instance.bid() && instance.outbid());
  }

  private OptionalDouble readDemand(GroupPolicy group, List<String> problems, boolean keep)
      throws InterruptedException {
    try {
      double queued = demand.queuedGames(group);
      if (!(queued >= 0) || Double.isInfinite(queued)) {
        throw new DemandReader.Unavailable("the signal gave " + queued + ", not a count of games");
      }
      if (keep) {
        keepReading(group, queued, problems);
      }
      return OptionalDouble.of(queued);
    } catch (DemandReader.Unavailable e) {
      problems.add("demand unavailable (" + e.getMessage() + "): treated as 0; nothing is scaled down");
      return OptionalDouble.empty();
    }
  }

  /** Keeps the reading for the trigger and the trend; a store failure is a problem, not a stop. */
  private void keepReading(GroupPolicy group, double queued, List<String> problems) {
    Instant now = clock.instant();
    try {
      store.recordDemand(group.name(), new DemandReading(now, queued), now.minus(Reaction.KEEP_READINGS));
    } catch (RuntimeException e) {
      problems.add("demand reading not kept (" + describe(e) + "): its growth is not seen");
    }
  }

  /**
   * The group's offers, cheapest first, one search per GPU type: without the window's price ceiling,
   * which the ranking applies and counts (the cheapest come first, so none under the ceiling is
   * lost), and under the reliability floor; a type with none under the floor is searched once more
   * without it, so that the ranking can say how many the floor dropped.
   */
  private List<Offer> searchOffers(GroupPolicy group, List<String> problems) {
    var offers = new ArrayList<Offer>();
    List<Optional<String>> types = group.offers().gpuTypes().isEmpty() ? List.of(Optional.empty())
        : group.offers().gpuTypes().stream().map(Optional::of).toList();
    for (Optional<String> type : types) {
      try {
        List<Offer> found = provider.searchOffers(offerQuery(group, type, group.offers().minReliability()));
        offers.addAll(found.isEmpty() && group.offers().minReliability() > 0
            ? provider.searchOffers(offerQuery(group, type, 0)) : found);
      } catch (ProviderException e) {
        problems.add("offers of " + type.orElse("any GPU") + " not read: " + e.getMessage());
      }
    }
    return offers;
  }

  private static OfferQuery offerQuery(GroupPolicy group, Optional<String> type, double minReliability) {
    return new OfferQuery(type, Optional.empty(), minReliability, Optional.empty(), group.offers().rentalType(),
        group.offers().diskGb(), OFFERS_PER_GROUP);
  }
}
