package dev.vastbot.simulate;

import java.util.Optional;

/**
 * The cheapest the trace's work could possibly be done: every game at the best games per dollar
 * any eligible offer reaches at any hour of the run, no boot delay, no idle minute. The queue is
 * never above its target and there is no budget to pass.
 */
final class LowerBound {
  private LowerBound() {}

  /** Best games per dollar and that offer's games per hour; empty when no offer is eligible. */
  record Best(double gamesPerDollar, double gamesPerHour, String gpuName, double pricePerHour) {}

  static Optional<Best> best(SimulationSetup setup) {
    var eligible = new EligibleOffers(setup.group());
    var ceiling = eligible.highestCeiling();
    Best best = null;
    for (var offer : setup.market().all()) {
      for (int hour = 0; hour < setup.hours(); hour++) {
        if (eligible.accepts(offer, hour, ceiling)) {
          var perDollar = eligible.gamesPerDollar(offer, hour);
          if (best == null || perDollar > best.gamesPerDollar()) {
            best =
                new Best(
                    perDollar,
                    eligible.gamesPerHour(offer),
                    offer.gpuName(),
                    offer.totalPriceAt(hour));
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }

  static PolicyOutcome outcome(SimulationSetup setup, Best best) {
    var games = setup.trace().totalGames();
    return new PolicyOutcome(
        "lower bound",
        games / best.gamesPerDollar(),
        games / best.gamesPerHour(),
        0,
        Optional.empty(),
        0,
        0,
        0);
  }
}
