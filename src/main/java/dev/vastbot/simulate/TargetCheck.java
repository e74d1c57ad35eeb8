package dev.vastbot.simulate;

/**
 * One policy's run against the targets: cost at most {@link #COST_TARGET} times the lower bound
 * that respects the minimum, the queue above its target at most {@link #QUEUE_SLACK_HOURS} more
 * hours than with the maximum held from the first minute, no budget period passed. Pure.
 *
 * @param costRatio cost over the minimum-respecting lower bound
 * @param aboveFloorHours queue-above-target hours less the held-at-max floor's
 * @param violations budget periods (hours, days, months) whose spend passed a cap
 */
public record TargetCheck(double costRatio, double aboveFloorHours, int violations) {
  public static final double COST_TARGET = 1.25;
  public static final double QUEUE_SLACK_HOURS = 2.0;

  public boolean costMet() {
    return costRatio <= COST_TARGET;
  }

  public boolean queueMet() {
    return aboveFloorHours <= QUEUE_SLACK_HOURS + 1e-9;
  }

  public boolean violationsMet() {
    return violations == 0;
  }

  public boolean met() {
    return costMet() && queueMet() && violationsMet();
  }
}
