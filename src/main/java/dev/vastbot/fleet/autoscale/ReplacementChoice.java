package dev.vastbot.fleet.autoscale;

import dev.vastbot.fleet.autoscale.OfferPreference.OutbidAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replacement of instances the keepalive marked, that stayed unhealthy past the threshold, or that
 * were outbid (when the policy replaces outbid ones). The new instances are rented first; each old
 * one is let go once its new one passes a health check, in the tick that rents it (the executor
 * checks at once) or a later one. A new one that does not pass within the group's {@link
 * Pacing#replacementHealthWindow()} is let go instead, and its old one is replaced again. Only a
 * replacement that costs more per hour than what it replaces is forecast against the budget. Pure.
 *
 * <p>The rules, the first that applies decides: old instances whose replacements passed are let
 * go; new ones past the window are let go; instances that need a replacement (and have none under
 * way) get one.
 */
final class ReplacementChoice {
  private final GroupPolicy group;
  private final GroupObservation observed;
  private final ActiveLimits limits;
  private final ScaleUpBudget budget;
  private final Instant now;

  ReplacementChoice(
      GroupPolicy group,
      GroupObservation observed,
      ActiveLimits limits,
      ScaleUpBudget budget,
      Instant now) {
    this.group = group;
    this.observed = observed;
    this.limits = limits;
    this.budget = budget;
    this.now = now;
  }

  /** What to do about replacements, or empty when none is under way or needed. */
  Optional<ScalingDecision> decide() {
    var passed = pending(PendingReplacement.Status.PASSED);
    if (!passed.isEmpty()) {
      return Optional.of(letOldOnesGo(passed));
    }
    var overdue =
        pending(PendingReplacement.Status.WAITING).stream()
            .filter(r -> !now.isBefore(r.since().plus(group.pacing().replacementHealthWindow())))
            .toList();
    if (!overdue.isEmpty()) {
      return Optional.of(letOverdueOnesGo(overdue));
    }
    var replaced = replacementCandidates();
    return replaced.isEmpty() ? Optional.empty() : Optional.of(replace(replaced));
  }

  private List<PendingReplacement> pending(PendingReplacement.Status status) {
    return observed.replacements().stream().filter(r -> r.status() == status).toList();
  }

  private ScalingDecision letOldOnesGo(List<PendingReplacement> passed) {
    var reasons =
        passed.stream()
            .map(r -> "vast-" + r.newId() + " replaces vast-" + r.oldId() + " and passed its health check")
            .toList();
    return ScalingDecision.replaced(
        group.name(), passed.stream().map(PendingReplacement::oldId).toList(), reasons);
  }

  private ScalingDecision letOverdueOnesGo(List<PendingReplacement> overdue) {
    var window = GroupDecision.minutes(group.pacing().replacementHealthWindow());
    var reasons = new ArrayList<String>();
    overdue.forEach(
        r ->
            reasons.add(
                "vast-" + r.newId() + ", rented to replace vast-" + r.oldId()
                    + ", did not pass a health check within " + window
                    + ": it goes, and vast-" + r.oldId() + " is replaced again"));
    var allowed = group.pacing().maxTerminationsPerTick();
    if (allowed == 0) {
      reasons.add("not now: max_terminations_per_tick is 0");
      return ScalingDecision.hold(group.name(), reasons);
    }
    var ids = overdue.stream().map(PendingReplacement::newId).limit(allowed).toList();
    return ScalingDecision.down(group.name(), ids, reasons);
  }

  private List<GroupInstance> replacementCandidates() {
    var candidates = new ArrayList<GroupInstance>();
    for (var instance : observed.settled()) {
      if (replacementReason(instance).isPresent()) {
        candidates.add(instance);
      }
    }
    return candidates.subList(0, Math.min(candidates.size(), group.pacing().maxCreatesPerTick()));
  }

  private Optional<String> replacementReason(GroupInstance instance) {
    var threshold = group.pacing().unhealthyChecksBeforeReplace();
    if (instance.markedForReplacement()) {
      return Optional.of("vast-" + instance.id() + " marked for replacement by the keepalive");
    }
    if (instance.unhealthyChecks() >= threshold) {
      return Optional.of(
          "vast-"
              + instance.id()
              + " unhealthy for "
              + instance.unhealthyChecks()
              + " checks (threshold "
              + threshold
              + ")");
    }
    if (instance.outbid() && group.offers().onOutbid() == OutbidAction.REPLACE) {
      return Optional.of("vast-" + instance.id() + " was outbid");
    }
    return Optional.empty();
  }

  private ScalingDecision replace(List<GroupInstance> replaced) {
    var reasons = new ArrayList<String>();
    replaced.forEach(instance -> reasons.add(replacementReason(instance).orElseThrow()));
    var ids = replaced.stream().map(GroupInstance::id).toList();
    var ranking = new OfferRanking(group, limits);
    var ranked = ranking.rank(observed);
    if (ranked.size() < replaced.size()) {
      reasons.add(ranking.nothingFound());
      return ScalingDecision.hold(group.name(), reasons);
    }
    var chosen = ranked.subList(0, replaced.size());
    var freed = replaced.stream().mapToDouble(GroupInstance::dphTotal).sum();
    var addedRate = GroupDecision.sumOfPrices(chosen) - freed;
    var refusal = addedRate > 0 ? budget.refusal(addedRate) : Optional.<String>empty();
    if (refusal.isPresent()) {
      reasons.add(refusal.get());
      return ScalingDecision.needsApproval(group.name(), GroupDecision.offersOf(chosen), ids, reasons);
    }
    return ScalingDecision.replace(group.name(), ids, GroupDecision.offersOf(chosen), reasons);
  }
}
