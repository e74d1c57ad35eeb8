package dev.vastbot.fleet.autoscale;

import dev.vastbot.fleet.autoscale.OfferPreference.OutbidAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replacement of instances the keepalive marked, that stayed unhealthy past the threshold, or that
 * were outbid (when the policy replaces outbid ones). The new instances are rented first; the old
 * ones are terminated once the new are healthy (the executor's part). Only a replacement that costs
 * more per hour than what it replaces is forecast against the budget. Pure.
 */
final class ReplacementChoice {
  private final GroupPolicy group;
  private final GroupObservation observed;
  private final ActiveLimits limits;
  private final ScaleUpBudget budget;

  ReplacementChoice(
      GroupPolicy group, GroupObservation observed, ActiveLimits limits, ScaleUpBudget budget) {
    this.group = group;
    this.observed = observed;
    this.limits = limits;
    this.budget = budget;
  }

  /** The replacement to make, or empty when no instance needs one. */
  Optional<ScalingDecision> decide() {
    var replaced = replacementCandidates();
    return replaced.isEmpty() ? Optional.empty() : Optional.of(replace(replaced));
  }

  private List<GroupInstance> replacementCandidates() {
    var candidates = new ArrayList<GroupInstance>();
    for (var instance : observed.instances()) {
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
