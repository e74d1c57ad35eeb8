package dev.vastbot.app.simulate;

/** The three rows of one run, with what they were run on. */
record SimulationResult(
    SimulationSetup setup,
    PolicyOutcome vastbot,
    PolicyOutcome oldRules,
    PolicyOutcome lowerBound,
    LowerBound.Best best) {

  /** How many times the lower bound's cost {@code outcome} cost. */
  double ratio(PolicyOutcome outcome) {
    return lowerBound.costUsd() > 0 ? outcome.costUsd() / lowerBound.costUsd() : Double.NaN;
  }
}
