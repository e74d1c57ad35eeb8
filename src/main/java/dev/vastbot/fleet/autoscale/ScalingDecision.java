package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.Offer;
import java.util.List;

/**
 * What the autoscaler would do with one group now, always with its reasons.
 *
 * @param kind what to do
 * @param offers the offers to rent, best first (UP, REPLACE, NEEDS_APPROVAL)
 * @param instanceIds the instances to terminate (DOWN) or replace (REPLACE)
 * @param reasons why, one sentence each, for people
 */
public record ScalingDecision(
    Kind kind, String group, List<Offer> offers, List<Long> instanceIds, List<String> reasons) {

  /** The kinds of decision. */
  public enum Kind {
    /** Rent {@code offers}. */
    UP,
    /** Terminate {@code instanceIds} (through the usual sync and approval). */
    DOWN,
    /**
     * Rent {@code offers} to replace {@code instanceIds}, each of which is terminated once its new
     * instance passes a health check; with no offers, their new instances passed: terminate them.
     */
    REPLACE,
    /** Do nothing. */
    HOLD,
    /** Renting {@code offers} would pass a budget cap: ask a person instead. */
    NEEDS_APPROVAL
  }

  public ScalingDecision {
    requireNonNull(kind, "kind == null");
    requireNonNull(group, "group == null");
    offers = List.copyOf(offers);
    instanceIds = List.copyOf(instanceIds);
    reasons = List.copyOf(reasons);
  }

  public static ScalingDecision hold(String group, List<String> reasons) {
    return new ScalingDecision(Kind.HOLD, group, List.of(), List.of(), reasons);
  }

  public static ScalingDecision up(String group, List<Offer> offers, List<String> reasons) {
    return new ScalingDecision(Kind.UP, group, offers, List.of(), reasons);
  }

  public static ScalingDecision down(String group, List<Long> ids, List<String> reasons) {
    return new ScalingDecision(Kind.DOWN, group, List.of(), ids, reasons);
  }

  public static ScalingDecision replace(
      String group, List<Long> ids, List<Offer> offers, List<String> reasons) {
    return new ScalingDecision(Kind.REPLACE, group, offers, ids, reasons);
  }

  /** The replacements of {@code ids} passed their health checks: terminate the old ones. */
  public static ScalingDecision replaced(String group, List<Long> ids, List<String> reasons) {
    return new ScalingDecision(Kind.REPLACE, group, List.of(), ids, reasons);
  }

  public static ScalingDecision needsApproval(
      String group, List<Offer> offers, List<Long> ids, List<String> reasons) {
    return new ScalingDecision(Kind.NEEDS_APPROVAL, group, offers, ids, reasons);
  }

  /** The reasons as one line: {@code hold: daily budget ... would be passed in 2.1 h}. */
  public String summary() {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + ": "
        + String.join("; ", reasons);
  }
}
