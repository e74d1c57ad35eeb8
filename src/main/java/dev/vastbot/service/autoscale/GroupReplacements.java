package dev.vastbot.service.autoscale;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.Replacement;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.GroupDecision;
import dev.vastbot.fleet.autoscale.GroupObservation;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.OfferRanking;
import dev.vastbot.fleet.autoscale.RankedOffer;
import dev.vastbot.fleet.autoscale.ReplacementRows;
import dev.vastbot.fleet.autoscale.ScaleUpBudget;
import dev.vastbot.fleet.autoscale.ScalingDecision;
import dev.vastbot.fleet.health.HealthLevel;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.HealthCheck;
import dev.vastbot.service.termination.Terminator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A group's replacements: the new instances rented and paired with the old ones in the store, each
 * new one checked at once, each old one let go (terminated) once its new one passed; the rows of
 * replacements that are over removed before a tick decides. Called with the autoscaler's decisions
 * serialised.
 */
final class GroupReplacements {
  private final AutoscalerPolicy policy;
  private final FleetStore store;
  private final HealthCheck health;
  private final GroupObserver observer;
  private final GroupRents rents;
  private final GroupTerminations terminations;
  private final Clock clock;

  GroupReplacements(AutoscalerPolicy policy, FleetStore store, HealthCheck health, GroupObserver observer,
      GroupRents rents, GroupTerminations terminations, Clock clock) {
    this.policy = policy;
    this.store = store;
    this.health = health;
    this.observer = observer;
    this.rents = rents;
    this.terminations = terminations;
    this.clock = clock;
  }

  /**
   * Before a tick decides: removes the replacements that are over ({@link ReplacementRows#over}), and
   * checks each running new instance that has not passed since its rent; the check is recorded as
   * the health loop records its own, so the observation that follows reads it. What went wrong,
   * for the outcomes.
   */
  List<String> checkBeforeTick() throws InterruptedException {
    List<Replacement> underWay = store.replacements();
    if (underWay.isEmpty()) {
      return List.of();
    }
    Map<Long, Instance> byId = GroupObserver.byId(observer.listed());
    Set<String> leaving = observer.openTargets(Terminator.KIND);
    var rows = new ReplacementRows(byId, leaving, clock.instant(), observer::passedSince);
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
      if (fresh != null && !observer.passedSince(fresh.id(), replacement.since())) {
        toCheck.add(fresh);
      }
    }
    return checkNow(toCheck).lines();
  }

  /** Checks the running ones among {@code instances} now; a failed check is a line, not a stop. */
  private Noted<Map<Long, HealthLevel>> checkNow(List<Instance> instances) throws InterruptedException {
    List<Instance> running = instances.stream().filter(instance -> instance.state() == InstanceState.RUNNING)
        .toList();
    if (running.isEmpty()) {
      return Noted.quiet(Map.of());
    }
    try {
      return Noted.quiet(health.check(running));
    } catch (RuntimeException e) {
      return new Noted<>(Map.of(), List.of("the replacements' health check failed: " + Autoscaler.describe(e)));
    }
  }

  /**
   * Rents the replacements and records which new instance stands in for which old one; checks the
   * new ones at once, and lets each old one go whose new one passed. The others stay until theirs
   * passes (a later tick), or until the group's window runs out. What it did, for people.
   */
  List<String> replace(Autoscaler.Observed observed, ScalingDecision decision, Actor actor)
      throws InterruptedException {
    String group = decision.group();
    List<Long> olds = decision.instanceIds();
    var lines = new ArrayList<String>();
    try {
      Noted<GroupRents.Rented> first = rents.rent(group, decision.offers(), observer.replacing(observed, olds), actor);
      lines.addAll(first.lines());
      GroupRents.Rented rented = first.value();
      if (rented.running().size() < olds.size()) {
        Noted<GroupRents.Rented> more = retryTaken(observed, decision, rented, actor);
        lines.addAll(more.lines());
        rented = rented.and(more.value());
      }
      Noted<Map<Long, Long>> pairs = pair(group, olds, rented.running());
      lines.addAll(pairs.lines());
      Noted<Map<Long, HealthLevel>> checked = checkNow(rented.instances());
      lines.addAll(checked.lines());
      Noted<List<Long>> passed = passed(group, pairs.value(), checked.value());
      lines.addAll(passed.lines());
      if (!passed.value().isEmpty()) {
        lines.addAll(letGo(group, passed.value(), actor, "replaced: " + decision.summary()));
      }
      return lines;
    } catch (ProviderException | ActingFailed e) {
      throw ActingFailed.after(lines, e);
    }
  }

  /** Records which new instance stands in for which old one, in order; an old one left over stays. */
  private Noted<Map<Long, Long>> pair(String group, List<Long> olds, List<Long> news) {
    Instant now = clock.instant();
    var pairs = new LinkedHashMap<Long, Long>();
    var lines = new ArrayList<String>();
    for (int i = 0; i < olds.size(); i++) {
      if (i < news.size()) {
        store.startReplacement(new Replacement(olds.get(i), news.get(i), group, now));
        pairs.put(olds.get(i), news.get(i));
      } else {
        lines.add("vast-" + olds.get(i) + " stays: no replacement runs yet; a later tick tries again");
      }
    }
    return new Noted<>(pairs, lines);
  }

  /** The old ones whose new one passed its check now; why each other stays, for people. */
  private Noted<List<Long>> passed(String group, Map<Long, Long> pairs, Map<Long, HealthLevel> checked) {
    var passed = new ArrayList<Long>();
    var lines = new ArrayList<String>();
    String window = GroupDecision.minutes(policy.group(group).orElseThrow().pacing().replacementHealthWindow());
    pairs.forEach((old, replacement) -> {
      HealthLevel level = checked.get(replacement);
      if (level != null && HealthCheck.passes(level)) {
        passed.add(old);
      } else {
        lines.add("vast-" + old + " stays until vast-" + replacement + " passes a health check (within " + window
            + (level == null ? "" : "; now " + level.display()) + ")");
      }
    });
    return new Noted<>(passed, lines);
  }

  /**
   * Replacements short because someone else took some of their offers: the next best offers not
   * tried yet, as many as are missing; one that costs more per hour than the taken one passes the
   * budget forecast first, as the replacement did.
   */
  private Noted<GroupRents.Rented> retryTaken(Autoscaler.Observed observed, ScalingDecision decision,
      GroupRents.Rented rented, Actor actor) throws InterruptedException {
    int missing = decision.instanceIds().size() - rented.running().size();
    if (rented.takenOffers().isEmpty() || missing <= 0) {
      return Noted.quiet(GroupRents.Rented.NONE);
    }
    GroupPolicy group = policy.group(decision.group()).orElseThrow();
    GroupObservation before = observed.observation().orElseThrow();
    GroupObservation after = before.withOffersTried(decision.offers());
    List<Offer> next = new OfferRanking(group, group.limitsAt(clock.instant().atZone(policy.zone())))
        .rank(after).stream().limit(missing).map(RankedOffer::offer).toList();
    if (next.isEmpty()) {
      return new Noted<>(GroupRents.Rented.NONE, List.of("no other offer to replace with"));
    }
    double taken = decision.offers().stream().filter(offer -> rented.takenOffers().contains(offer.id()))
        .mapToDouble(Offer::dphTotal).sum();
    double added = next.stream().mapToDouble(Offer::dphTotal).sum() - taken;
    Optional<String> refusal = added > 0
        ? new ScaleUpBudget(policy, group, before.spend(), clock.instant()).refusal(added) : Optional.empty();
    if (refusal.isPresent()) {
      return new Noted<>(GroupRents.Rented.NONE, List.of("not replaced by other offers: " + refusal.get()));
    }
    return rents.rent(decision.group(), next, observer.replacing(observed, decision.instanceIds()), actor);
  }

  /**
   * Terminates old instances whose replacements passed. Each replacement's row records the
   * termination and stays until the old one is gone, so a let-go that ends without destroying it
   * holds the old one (not replaced again); one not on the account any more ends its row. What it
   * did, for people.
   */
  List<String> letGo(String group, List<Long> olds, Actor actor, String why) throws InterruptedException {
    Noted<Map<Long, Long>> operations = terminations.terminate(group, olds, actor, why);
    for (long old : olds) {
      Long operation = operations.value().get(old);
      if (operation == null || !store.recordReplacementLetGo(old, Replacement.Stage.OLD_LEAVING, operation)) {
        store.endReplacement(old);
      }
    }
    return operations.lines();
  }

  /**
   * After a scale-down: the new instances of replacements on trial among those terminated (they did
   * not pass in time) are recorded as leaving, so their old ones wait until they are gone (and stay
   * unreplaced while a failed let-go holds them). Other rows are left as they are.
   */
  void recordNewOnesLeaving(Map<Long, Long> operations) {
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
}
