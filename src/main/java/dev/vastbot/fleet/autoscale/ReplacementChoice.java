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
 * Pacing#replacementHealthWindow()} is let go instead, and its old one is replaced again once it is
 * gone. Every replacement is forecast against the budget with its overlap (both instances billed
 * for the window) and, when it costs more per hour, its added rate. Pure.
 *
 * <p>The rules, the first that applies decides: old instances whose replacements passed are let
 * go; new ones past the window are let go; instances that need a replacement (and have none under
 * way) get one, unless a replacement in the group has not passed yet (waiting, or let go after a
 * failed trial, or held because that let-go failed), and never more at once than {@code
 * max_concurrent_replacements}, the per-tick limit or the room under the {@link GroupCeiling}.
 */
public final class ReplacementChoice {
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

  /**
   * For people, one line per replacement that holds something back: an instance a failed let-go
   * holds, or a new one being let go after a failed trial.
   */
  public static List<String> heldNotes(List<PendingReplacement> replacements) {
    var notes = new ArrayList<String>();
    for (var r : replacements) {
      if (r.status() == PendingReplacement.Status.OLD_HELD) {
        notes.add("vast-" + r.oldId() + " is held: vast-" + r.newId() + " replaced it, but letting it go did not"
            + " end it; it is not replaced again until a person terminates it (/vast shutdown " + r.oldId()
            + ") or it is gone");
      } else if (r.status() == PendingReplacement.Status.NEW_HELD) {
        notes.add(whyNotPassed(r));
      } else if (r.status() == PendingReplacement.Status.NEW_LEAVING) {
        notes.add(whyNotPassed(r) + "; vast-" + r.oldId() + " is replaced again once it is gone");
      }
    }
    return notes;
  }

  private static String whyNotPassed(PendingReplacement r) {
    var pair = "vast-" + r.newId() + ", rented to replace vast-" + r.oldId() + ", ";
    return switch (r.status()) {
      case WAITING -> pair + "has not passed a health check yet";
      case NEW_LEAVING -> pair + "did not pass and is being let go";
      default -> pair + "did not pass, and letting it go did not end it: it is held until a person"
          + " terminates it (/vast shutdown " + r.newId() + ") or it is gone";
    };
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

  private ScalingDecision replace(List<GroupInstance> candidates) {
    var reasons = new ArrayList<String>();
    candidates.forEach(instance -> reasons.add(replacementReason(instance).orElseThrow()));
    var unpassed = observed.replacements().stream()
        .filter(r -> PendingReplacement.UNPASSED.contains(r.status())).toList();
    if (!unpassed.isEmpty()) {
      unpassed.forEach(r -> reasons.add(whyNotPassed(r)));
      reasons.add("no replacement starts while the one before it has not passed");
      return ScalingDecision.hold(group.name(), reasons);
    }
    var ceiling = new GroupCeiling(group, limits);
    var count = Math.min(Math.min(candidates.size(), group.pacing().maxConcurrentReplacements()),
        ceiling.room(observed));
    if (count == 0) {
      reasons.add(group.pacing().maxConcurrentReplacements() == 0 ? "not replaced: max_concurrent_replacements is 0"
          : "not replaced now: " + ceiling.describeFull(observed));
      return ScalingDecision.hold(group.name(), reasons);
    }
    var replaced = candidates.subList(0, count);
    var ids = replaced.stream().map(GroupInstance::id).toList();
    var ranking = new OfferRanking(group, limits);
    var ranked = ranking.rank(observed);
    if (ranked.size() < replaced.size()) {
      reasons.add(ranking.nothingFound());
      return ScalingDecision.hold(group.name(), reasons);
    }
    var chosen = ranked.subList(0, replaced.size());
    var freed = replaced.stream().mapToDouble(GroupInstance::dphTotal).sum();
    var addedRate = Math.max(0, GroupDecision.sumOfPrices(chosen) - freed);
    var overlap = ReplacementOverlap.of(group.pacing(), chosen);
    var refusal = budget.withOneOff(overlap.usd()).refusal(addedRate)
        .map(reason -> reason + " (" + overlap.describe() + ")");
    if (refusal.isPresent()) {
      reasons.add(refusal.get());
      return ScalingDecision.needsApproval(group.name(), GroupDecision.offersOf(chosen), ids, reasons);
    }
    return ScalingDecision.replace(group.name(), ids, GroupDecision.offersOf(chosen), reasons);
  }
}
