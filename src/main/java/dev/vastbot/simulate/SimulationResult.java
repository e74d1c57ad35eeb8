package dev.vastbot.simulate;

/**
 * The rows of one run, with what they were run on.
 *
 * @param heldAtMax the floor: the group's maximum held from the first minute
 * @param lowerBoundMin the lower bound that respects the group's minimum ({@link MinimumLowerBound})
 */
record SimulationResult(
    SimulationSetup setup,
    PolicyOutcome vastbot,
    PolicyOutcome oldRules,
    PolicyOutcome lowerBound,
    LowerBound.Best best,
    PolicyOutcome heldAtMax,
    PolicyOutcome lowerBoundMin) {

  /** How many times the lower bound's cost {@code outcome} cost. */
  double ratio(PolicyOutcome outcome) {
    return lowerBound.costUsd() > 0 ? outcome.costUsd() / lowerBound.costUsd() : Double.NaN;
  }

  /** How many times the minimum-respecting lower bound's cost {@code outcome} cost. */
  double ratioToMinimumBound(PolicyOutcome outcome) {
    return lowerBoundMin.costUsd() > 0 ? outcome.costUsd() / lowerBoundMin.costUsd() : Double.NaN;
  }

  /** Hours {@code outcome}'s queue was above its target beyond the floor's (may be below 0). */
  double aboveFloorHours(PolicyOutcome outcome) {
    return outcome.aboveTargetHours() - heldAtMax.aboveTargetHours();
  }

  /** vastbot's row against the targets. */
  TargetCheck vastbotTargets() {
    return new TargetCheck(
        ratioToMinimumBound(vastbot),
        aboveFloorHours(vastbot),
        vastbot.violations().map(BudgetViolations::total).orElse(0));
  }
}
