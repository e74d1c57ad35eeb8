package dev.vastbot.fleet.autoscale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which instances a scale-down takes. Unreachable instances count as busy and are never taken, nor
 * are the instances of a replacement under way (the new one on trial, the old one on its way out,
 * which does not count towards the minimum); the worst games per dollar goes first (the best last),
 * ties to the dearer, then the lower id; the group's minimum is kept and at most the per-tick
 * number is taken. Pure.
 */
final class ScaleDownChoice {
  private final GroupPolicy group;
  private final GroupObservation observed;
  private final Instant now;

  ScaleDownChoice(GroupPolicy group, GroupObservation observed, Instant now) {
    this.group = group;
    this.observed = observed;
    this.now = now;
  }

  /** Scale down instances idle for the idle window while the queue is empty. */
  ScalingDecision idle(String measured) {
    var reasons = new ArrayList<>(List.of(measured));
    var blocked = blocker();
    if (!blocked.isEmpty()) {
      reasons.add(blocked);
      return ScalingDecision.hold(group.name(), reasons);
    }
    if (observed.queuedGames() > 0) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "the queue is not empty (%.0f games): no instance is idle",
              observed.queuedGames()));
      return ScalingDecision.hold(group.name(), reasons);
    }
    var idle = observed.settled().stream().filter(this::idleLongEnough).toList();
    if (idle.isEmpty()) {
      reasons.add(
          "no reachable instance idle for "
              + GroupDecision.minutes(group.pacing().idleWindow())
              + " (unreachable ones count as busy)");
      return ScalingDecision.hold(group.name(), reasons);
    }
    return take(idle, allowed(), reasons);
  }

  /** Scale down {@code excess} instances over the window's maximum, idle ones first. */
  ScalingDecision excess(int excess, String reason) {
    var reasons = new ArrayList<>(List.of(reason));
    var blocked = cooldownBlocker();
    if (!blocked.isEmpty()) {
      reasons.add(blocked);
      return ScalingDecision.hold(group.name(), reasons);
    }
    var reachable = observed.settled().stream().filter(GroupInstance::reachable).toList();
    return take(reachable, Math.min(excess, allowed()), reasons);
  }

  /** A person asked for {@code wanted} fewer: reachable ones, idle first, never below the minimum. */
  ScalingDecision asked(int wanted, String reason) {
    var reasons = new ArrayList<>(List.of(reason));
    var aboveMinimum = observed.serving().size() - group.minInstances();
    if (aboveMinimum <= 0) {
      reasons.add("already at the minimum " + group.minInstances());
      return ScalingDecision.hold(group.name(), reasons);
    }
    var reachable = observed.settled().stream().filter(GroupInstance::reachable).toList();
    if (wanted > aboveMinimum) {
      reasons.add("the minimum " + group.minInstances() + " is kept");
    }
    return take(reachable, Math.min(wanted, aboveMinimum), reasons);
  }

  /** Up to {@code allowed} of {@code candidates}, idle ones first, after {@code reasonsSoFar} (not changed). */
  private ScalingDecision take(List<GroupInstance> candidates, int allowed, List<String> reasonsSoFar) {
    var reasons = new ArrayList<>(reasonsSoFar);
    var ordered = new ArrayList<>(candidates);
    ordered.sort(
        Comparator.comparing((GroupInstance instance) -> !idleLongEnough(instance))
            .thenComparing(worstFirst()));
    var taken = ordered.subList(0, Math.min(allowed, ordered.size()));
    if (taken.isEmpty()) {
      reasons.add("no instance may go");
      return ScalingDecision.hold(group.name(), reasons);
    }
    var ids = taken.stream().map(GroupInstance::id).toList();
    reasons.add(
        String.format(
            Locale.ROOT,
            "%d of %d candidates, worst games per dollar first",
            ids.size(),
            candidates.size()));
    return ScalingDecision.down(group.name(), ids, reasons);
  }

  private String blocker() {
    if (observed.serving().size() <= group.minInstances()) {
      return "already at the minimum " + group.minInstances();
    }
    return cooldownBlocker();
  }

  private String cooldownBlocker() {
    var cooldown = group.pacing().scaleDownCooldown();
    return observed
        .lastScaleDown()
        .map(at -> java.time.Duration.between(now, at.plus(cooldown)))
        .filter(left -> !left.isNegative() && !left.isZero())
        .map(left -> "scale-down cooldown: " + GroupDecision.minutes(left) + " left")
        .orElse("");
  }

  private int allowed() {
    var aboveMinimum = observed.serving().size() - group.minInstances();
    return Math.max(0, Math.min(aboveMinimum, group.pacing().maxTerminationsPerTick()));
  }

  private boolean idleLongEnough(GroupInstance instance) {
    return instance.reachable()
        && instance
            .idleSince()
            .filter(since -> !since.isAfter(now.minus(group.pacing().idleWindow())))
            .isPresent();
  }

  private Comparator<GroupInstance> worstFirst() {
    return Comparator.comparingDouble(
            (GroupInstance instance) -> instance.gamesPerDollar(group.throughput()))
        .thenComparing(Comparator.comparingDouble(GroupInstance::dphTotal).reversed())
        .thenComparingLong(GroupInstance::id);
  }
}
