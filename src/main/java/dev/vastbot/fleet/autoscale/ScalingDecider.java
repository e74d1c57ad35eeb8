package dev.vastbot.fleet.autoscale;

import java.time.Instant;

/**
 * Decides what one autoscaler group should do now, as a pure function of the policy, what was
 * observed of the group, and the moment. No I/O, no clock of its own: the same arguments always
 * give the same decision.
 *
 * <p>The order of the rules, the first that applies decides:
 *
 * <ol>
 *   <li>instances marked for replacement, unhealthy past the threshold, or outbid (when the policy
 *       replaces outbid ones) are replaced: new offers first, the old ones after;
 *   <li>below the minimum: scale up to it (cooldown does not apply, the budget does);
 *   <li>above the maximum of the window now on: scale down the excess;
 *   <li>backlog hours above the scale-up threshold: scale up, after the cooldown, up to the maximum
 *       and the per-tick limit;
 *   <li>backlog hours below the scale-down threshold and the queue empty: scale down idle
 *       instances, worst games per dollar first, never below the minimum;
 *   <li>otherwise hold.
 * </ol>
 *
 * <p>Every scale-up passes the budget forecast ({@link BudgetForecast}) for the group and for all
 * groups together. When not all wanted instances fit, as many as fit are taken; when none fits, the
 * decision asks for approval; when the fleet's current rate alone already does not fit, it holds.
 */
public final class ScalingDecider {
  private ScalingDecider() {}

  /**
   * What {@code observed}'s group should do at {@code now}.
   *
   * @throws IllegalArgumentException when the policy has no group of that name
   */
  public static ScalingDecision decide(
      AutoscalerPolicy policy, GroupObservation observed, Instant now) {
    return decision(policy, observed, now).decide();
  }

  /**
   * What {@code observed}'s group should do at {@code now}, its queue moving as {@code trend} says:
   * a growing queue scales up when the backlog it projects over the boot time passes the scale-up
   * threshold, and the scale-up is sized for that projected queue. Scale-down reads the queue now.
   *
   * @throws IllegalArgumentException when the policy has no group of that name
   */
  public static ScalingDecision decide(
      AutoscalerPolicy policy, GroupObservation observed, Instant now, DemandTrend trend) {
    var group =
        policy
            .group(observed.group())
            .orElseThrow(() -> new IllegalArgumentException("no group " + observed.group()));
    return new GroupDecision(policy, group, observed, now, trend).decide();
  }

  /**
   * A person's {@code /vast scale-up N}: {@code count} more instances of the best offers, within the
   * window's maximum, the per-tick limit and the budget forecast (over budget: asks for approval).
   * Cooldowns do not apply: a person decided.
   */
  public static ScalingDecision scaleUpBy(
      AutoscalerPolicy policy, GroupObservation observed, int count, Instant now) {
    return decision(policy, observed, now).manualUp(count);
  }

  /**
   * A person's {@code /vast scale-down N}: the {@code count} reachable instances with the worst
   * games per dollar (idle ones first), never below the minimum. Cooldowns do not apply.
   */
  public static ScalingDecision scaleDownBy(
      AutoscalerPolicy policy, GroupObservation observed, int count, Instant now) {
    return decision(policy, observed, now).manualDown(count);
  }

  private static GroupDecision decision(AutoscalerPolicy policy, GroupObservation observed, Instant now) {
    var group =
        policy
            .group(observed.group())
            .orElseThrow(() -> new IllegalArgumentException("no group " + observed.group()));
    return new GroupDecision(policy, group, observed, now);
  }
}
