package dev.vastbot.service.autoscale;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProvisionResult;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.DemandGuard;
import dev.vastbot.fleet.autoscale.DemandTrend;
import dev.vastbot.fleet.autoscale.DemandTrigger;
import dev.vastbot.fleet.autoscale.GroupObservation;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.ScalingDecider;
import dev.vastbot.fleet.autoscale.ScalingDecision;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.service.provision.Provisioner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The autoscaler's tick: observe every group ({@link GroupObserver}: the fleet, health and idleness
 * from the store, the demand signal, spend so far, the cooldown marks, offers), decide each with
 * {@link ScalingDecider}, act (scale up through {@link GroupScaleUps}, scale down through {@link
 * GroupTerminations}, replace through {@link GroupReplacements}, ask for approval when a budget cap
 * stops a scale-up), and record (the cooldown marks, the audit log). Everything it remembers is in
 * the store, so a restart or another replica carries on from there. One decision at a time in this
 * process: the loops' ticks, polls and people's scale commands never decide side by side.
 */
public final class Autoscaler {
  /** Who the autoscaler's own actions are by, in the journal and the audit log. */
  public static final Actor ACTOR = new Actor(Provisioner.POLICY_ACTOR);

  private final AutoscalerPolicy policy;
  private final FleetStore store;
  private final Clock clock;
  private final Optional<WarmPoolActions> pool;
  private final ReentrantLock deciding = new ReentrantLock();
  private final GroupObserver observer;
  private final DemandPoll poll;
  private final Rebids rebids;
  private final GroupScaleUps scaleUps;
  private final GroupTerminations terminations;
  private final GroupReplacements replacements;
  private final ApprovedGroupRents approvedRents;

  /**
   * @param provider searches offers and raises bids
   * @param sight what it observes the fleet through (the snapshot, demand, health checks)
   * @param hands the services it acts through (rents, terminations, the warm pool)
   */
  public Autoscaler(AutoscalerPolicy policy, GpuProvider provider, FleetStore store, Clock clock, FleetSight sight,
      FleetHands hands) {
    this.policy = requireNonNull(policy, "policy == null");
    this.store = requireNonNull(store, "store == null");
    this.clock = requireNonNull(clock, "clock == null");
    requireNonNull(provider, "provider == null");
    requireNonNull(sight, "sight == null");
    this.pool = requireNonNull(hands, "hands == null").pool();
    this.observer = new GroupObserver(policy, sight, provider, store, clock);
    this.poll = new DemandPoll(this, store, clock);
    this.rebids = new Rebids(policy, provider, store, clock);
    var approvals = new PricedApprovals(store, hands.provisioner());
    var rents = new GroupRents(policy, hands.provisioner(), store, clock, observer);
    this.scaleUps = new GroupScaleUps(policy, store, clock, pool, observer, rents, approvals);
    this.terminations = new GroupTerminations(policy, store, hands, observer, clock);
    this.replacements = new GroupReplacements(policy, store, sight.health(), observer, rents, terminations, clock);
    this.approvedRents = new ApprovedGroupRents(policy, store, hands.provisioner(), approvals, observer, clock);
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
    return observer.observe(policy.groups(), true, false); // a view: its reading would hide a crossing from the poll
  }

  /** See {@link GroupObserver#observe}. */
  Map<String, Observed> observe(List<GroupPolicy> groups, boolean withOffers, boolean keepReadings)
      throws InterruptedException {
    return observer.observe(groups, withOffers, keepReadings);
  }

  static String describe(RuntimeException e) {
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
      List<String> checking = dryRun ? List.of() : replacements.checkBeforeTick();
      Map<String, List<String>> tended = dryRun ? Map.of() : tendPools(groups);
      var outcomes = new ArrayList<Outcome>();
      for (Observed observed : observer.observe(groups, true, !dryRun).values()) {
        List<String> problems = Noted.joined(why, checking, tended.getOrDefault(observed.group(), List.of()),
            observed.problems());
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
      Observed observed = rebids.withRebids(looked, dryRun);
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
    return approvedRents.runApproved(operation, actor);
  }

  /** A person's scale-up by {@code count} in {@code groupName} (empty: the first group). */
  public Outcome scaleUp(Optional<String> groupName, int count, Actor actor) throws InterruptedException {
    Observed observed = observer.observeGroup(groupName);
    return act(observed, ScalingDecider.scaleUpBy(policy, observable(observed), count, clock.instant()), actor);
  }

  /** A person's scale-down by {@code count} in {@code groupName} (empty: the first group). */
  public Outcome scaleDown(Optional<String> groupName, int count, Actor actor) throws InterruptedException {
    Observed observed = observer.observeGroup(groupName);
    return act(observed, ScalingDecider.scaleDownBy(policy, observable(observed), count, clock.instant()), actor);
  }

  static GroupObservation observable(Observed observed) {
    return observed.observation().orElseThrow(() -> new IllegalStateException(
        String.join("; ", observed.problems())));
  }

  /** With the demand unknown nothing is scaled down ({@link DemandGuard}, which the policy view shares). */
  private static ScalingDecision demandGuarded(Observed observed, ScalingDecision decision) {
    return DemandGuard.apply(observed.demandKnown(), decision);
  }

  /** Carries out the decision and audits it; a provider failure ends it, after what was done before. */
  private Outcome act(Observed observed, ScalingDecision decision, Actor actor) throws InterruptedException {
    List<String> done;
    try {
      done = carryOut(observed, decision, actor);
    } catch (ActingFailed e) {
      done = Noted.joined(e.before(), List.of("failed: " + e.getMessage()));
    } catch (ProviderException e) {
      done = List.of("failed: " + e.getMessage());
    }
    if (decision.kind() != ScalingDecision.Kind.HOLD) {
      store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "autoscale-" + decision.kind().name()
          .toLowerCase(Locale.ROOT).replace('_', '-'), decision.group(), decision.summary()
          + (done.isEmpty() ? "" : " → " + String.join("; ", done))));
    }
    return new Outcome(decision, withProblems(observed, done));
  }

  private List<String> carryOut(Observed observed, ScalingDecision decision, Actor actor)
      throws InterruptedException {
    return switch (decision.kind()) {
      case UP -> scaleUps.scaleUp(observed, decision, actor);
      case DOWN -> {
        var terminated = terminations.parkOrTerminate(observed, decision.instanceIds(), actor, decision.summary());
        replacements.recordNewOnesLeaving(terminated.value());
        yield terminated.lines();
      }
      case REPLACE -> decision.offers().isEmpty()
          ? replacements.letGo(decision.group(), decision.instanceIds(), actor, decision.summary())
          : replacements.replace(observed, decision, actor);
      case NEEDS_APPROVAL -> decision.instanceIds().isEmpty()
          ? scaleUps.askApproval(observed, decision, actor)
          // an approved provision would not know what it replaces, and a later tick would replace
          // again: a person does the two steps instead
          : List.of("no approval asked: replacing " + ids(decision.instanceIds()) + " would pass the budget;"
              + " raise the budget, or rent by hand (/vast scale-up) and then /vast shutdown the old one");
      case HOLD -> List.of();
    };
  }

  /** The pools of {@code groups} tended (members gone or running leave, expired ones are destroyed), by group. */
  private Map<String, List<String>> tendPools(List<GroupPolicy> groups) throws InterruptedException {
    if (pool.isEmpty()) {
      return Map.of();
    }
    List<Instance> listed = observer.listed();
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

  static String ids(List<Long> ids) {
    return ids.stream().map(id -> "vast-" + id).collect(Collectors.joining(", "));
  }

  private static List<String> withProblems(Observed observed, List<String> done) {
    return Noted.joined(observed.problems(), done);
  }
}
