package dev.vastbot.fleet.autoscale;

import dev.vastbot.fleet.Offer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One run of {@link ScalingDecider} for one group: the rules in order. Pure. */
public final class GroupDecision {
  private final GroupPolicy group;
  private final GroupObservation observed;
  private final Instant now;
  private final ActiveLimits limits;
  private final ScaleUpBudget budget;
  private final ScaleDownChoice scaleDown;
  private final DemandTrend trend;

  GroupDecision(
      AutoscalerPolicy policy, GroupPolicy group, GroupObservation observed, Instant now) {
    this(policy, group, observed, now, DemandTrend.FLAT);
  }

  /** With the queue's {@code trend}: a growing queue is sized for what it will be after a boot. */
  GroupDecision(AutoscalerPolicy policy, GroupPolicy group, GroupObservation observed, Instant now,
      DemandTrend trend) {
    this.trend = trend;
    this.group = group;
    this.observed = observed;
    this.now = now;
    this.limits = group.limitsAt(now.atZone(policy.zone()));
    this.budget = new ScaleUpBudget(policy, group, observed.spend(), now);
    this.scaleDown = new ScaleDownChoice(group, observed, now);
  }

  ScalingDecision decide() {
    var replacement = new ReplacementChoice(group, observed, limits, budget, now).decide();
    if (replacement.isPresent()) {
      return replacement.get();
    }
    var count = observed.serving().size();
    if (count < group.minInstances()) {
      var reason =
          String.format(
              Locale.ROOT, "%d instances below the minimum %d", count, group.minInstances());
      return scaleUp(group.minInstances() - count, new ArrayList<>(List.of(reason)));
    }
    if (count > limits.maxInstances()) {
      return scaleDownExcess(count);
    }
    return byBacklog(count);
  }

  ScalingDecision manualUp(int wanted) {
    var reasons = new ArrayList<String>();
    reasons.add("asked for " + wanted + " more");
    if (observed.serving().size() >= limits.maxInstances()) {
      return holdAtMaximum(reasons);
    }
    return scaleUp(wanted, reasons);
  }

  ScalingDecision manualDown(int wanted) {
    return scaleDown.asked(wanted, "asked for " + wanted + " fewer");
  }

  private ScalingDecision byBacklog(int count) {
    var capacity =
        observed.serving().stream()
            .mapToDouble(instance -> instance.expectedGamesPerHour(group.throughput()))
            .sum();
    var backlog =
        capacity > 0
            ? observed.queuedGames() / capacity
            : observed.queuedGames() > 0 ? Double.POSITIVE_INFINITY : 0;
    var hysteresis = group.hysteresis();
    var measured =
        String.format(
            Locale.ROOT,
            "backlog %s (%.0f games / %.0f games/h)",
            hours(backlog),
            observed.queuedGames(),
            capacity);
    if (backlog > hysteresis.scaleUpHours()) {
      return backlogScaleUp(
          count,
          capacity,
          measured + " above the " + hours(hysteresis.scaleUpHours()) + " scale-up threshold");
    }
    var projected = trend.projectedQueue(observed.queuedGames());
    if (trend.growing() && projected > hysteresis.scaleUpHours() * capacity) {
      return backlogScaleUp(count, capacity, String.format(Locale.ROOT,
          "%s, growing %.0f games/h: %.0f games after the %d min boot, above the %s scale-up threshold",
          measured, trend.growthPerHour(), projected, trend.boot().toMinutes(), hours(hysteresis.scaleUpHours())));
    }
    if (backlog < hysteresis.scaleDownHours()) {
      return scaleDown.idle(
          measured + " below the " + hours(hysteresis.scaleDownHours()) + " scale-down threshold");
    }
    return ScalingDecision.hold(
        group.name(),
        List.of(
            measured
                + " between the "
                + hours(hysteresis.scaleDownHours())
                + " scale-down and "
                + hours(hysteresis.scaleUpHours())
                + " scale-up thresholds"));
  }

  /** A hold at the window's maximum: {@code reasonsSoFar} (not changed) and why. */
  private ScalingDecision holdAtMaximum(List<String> reasonsSoFar) {
    var reasons = new ArrayList<>(reasonsSoFar);
    reasons.add(
        String.format(
            Locale.ROOT,
            "already at the maximum %d (window %s)",
            limits.maxInstances(),
            limits.window()));
    return ScalingDecision.hold(group.name(), reasons);
  }

  private ScalingDecision backlogScaleUp(int count, double capacity, String measured) {
    var reasons = new ArrayList<>(List.of(measured));
    if (count >= limits.maxInstances()) {
      return holdAtMaximum(reasons);
    }
    var cooldown = cooldownLeft(observed.lastScaleUp(), group.pacing().scaleUpCooldown());
    if (cooldown.isPresent()) {
      reasons.add("scale-up cooldown: " + minutes(cooldown.get()) + " left");
      return ScalingDecision.hold(group.name(), reasons);
    }
    // sized to bring the backlog to the middle of the band, not just under the trigger, where the
    // next few games would trigger again; a growing queue as it will be once the new ones run
    var hysteresis = group.hysteresis();
    var aim = (hysteresis.scaleUpHours() + hysteresis.scaleDownHours()) / 2;
    var neededGamesPerHour = trend.projectedQueue(observed.queuedGames()) / aim - capacity;
    return scaleUpForThroughput(neededGamesPerHour, reasons);
  }

  private ScalingDecision scaleUpForThroughput(double neededGamesPerHour, List<String> reasons) {
    var ranked = new OfferRanking(group, limits).rank(observed);
    var wanted = 0;
    var added = 0.0;
    while (wanted < ranked.size() && added < neededGamesPerHour) {
      added += ranked.get(wanted++).gamesPerHour();
    }
    return scaleUp(Math.max(1, wanted), reasons);
  }

  /** Up to {@code wanted} of the best offers that fit, after {@code reasonsSoFar} (not changed). */
  private ScalingDecision scaleUp(int wanted, List<String> reasonsSoFar) {
    var reasons = new ArrayList<>(reasonsSoFar);
    var ranking = new OfferRanking(group, limits);
    var ranked = ranking.rank(observed);
    var ceiling = new GroupCeiling(group, limits);
    var room = Math.min(limits.maxInstances() - observed.serving().size(), ceiling.room(observed));
    var count =
        Math.min(
            Math.min(wanted, room), Math.min(group.pacing().maxCreatesPerTick(), ranked.size()));
    if (count <= 0) {
      reasons.add(
          ranked.isEmpty()
              ? ranking.nothingFound()
              : ceiling.room(observed) == 0
                  ? "no room: " + ceiling.describeFull(observed)
                  : "no room: at most " + group.pacing().maxCreatesPerTick() + " per tick");
      return ScalingDecision.hold(group.name(), reasons);
    }
    if (count < wanted) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "%d of %d wanted (maximum %d in window %s, %d per tick, %d offers)",
              count,
              wanted,
              limits.maxInstances(),
              limits.window(),
              group.pacing().maxCreatesPerTick(),
              ranked.size()));
    }
    return budget.fit(group.name(), ranked, count, reasons);
  }

  private ScalingDecision scaleDownExcess(int count) {
    var reason =
        String.format(
            Locale.ROOT,
            "%d instances above the maximum %d of window %s",
            count,
            limits.maxInstances(),
            limits.window());
    return scaleDown.excess(count - limits.maxInstances(), reason);
  }

  private Optional<Duration> cooldownLeft(Optional<Instant> last, Duration cooldown) {
    return last.map(at -> Duration.between(now, at.plus(cooldown)))
        .filter(left -> !left.isNegative() && !left.isZero());
  }

  public static String minutes(Duration duration) {
    return ((duration.toSeconds() + 59) / 60) + " min";
  }

  private static String hours(double hours) {
    return Double.isInfinite(hours)
        ? "unbounded (no throughput)"
        : String.format(Locale.ROOT, "%.2f h", hours);
  }

  static double sumOfPrices(List<RankedOffer> offers) {
    return offers.stream().mapToDouble(RankedOffer::pricePerHour).sum();
  }

  static List<Offer> offersOf(List<RankedOffer> offers) {
    return offers.stream().map(RankedOffer::offer).toList();
  }
}
