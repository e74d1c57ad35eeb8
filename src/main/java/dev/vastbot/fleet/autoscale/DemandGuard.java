package dev.vastbot.fleet.autoscale;

import java.util.ArrayList;

/**
 * The last word on a group's decision, pure, shared by the tick ({@code autoscaler --check}) and
 * the policy view ({@code autoscaler --policy}, {@code /vast policy}) so both show the same: with
 * the demand unknown nothing is scaled down, since an unreadable queue is not an empty one.
 */
public final class DemandGuard {
  static final String UNKNOWN_DEMAND = "not scaling down while the demand is unknown";

  private DemandGuard() {}

  /** The decision, or a hold giving its reasons and why, when it scales down on unknown demand. */
  public static ScalingDecision apply(boolean demandKnown, ScalingDecision decision) {
    if (!demandKnown && decision.kind() == ScalingDecision.Kind.DOWN) {
      var reasons = new ArrayList<>(decision.reasons());
      reasons.add(UNKNOWN_DEMAND);
      return ScalingDecision.hold(decision.group(), reasons);
    }
    return decision;
  }
}
