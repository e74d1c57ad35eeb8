package dev.vastbot.app.simulate;

/**
 * A lower bound that respects the group's {@code min_instances}: any policy pays at least the
 * minimum at the cheapest eligible price for the whole run, and those dollars play at most the
 * best games per dollar; the games they cannot absorb cost at least the best games per dollar.
 * Games may wait as long as the run lasts (never played before they arrive), so it bounds every
 * policy, whatever its queue did. At least {@link LowerBound}'s cost; exactly the minimum times
 * the cheapest price when no game arrives. Pure.
 */
final class MinimumLowerBound {
  static final String NAME = "lower bound min";

  private MinimumLowerBound() {}

  static PolicyOutcome outcome(SimulationSetup setup, LowerBound.Best best) {
    var minimum = setup.group().minInstances();
    var floorDph = minimum * cheapestPrice(setup);
    var arrivals = setup.trace().gamesPerMinute();
    var minutes = arrivals.length;
    var extraGames = unabsorbed(arrivals, floorDph * best.gamesPerDollar() / 60.0);
    var cost = floorDph * minutes / 60.0 + extraGames / best.gamesPerDollar();
    var instanceHours = minimum * minutes / 60.0 + extraGames / best.gamesPerHour();
    return new PolicyOutcome(
        NAME, cost, instanceHours, 0, java.util.Optional.empty(), 0, 0, 0);
  }

  /**
   * Games that {@code perMinute} of capacity cannot play by the end even when they wait: the
   * largest excess, over every suffix of the run, of the games arriving in it over the capacity
   * it has (games cannot be played before they arrive, so a suffix's games need its capacity).
   */
  static double unabsorbed(double[] arrivals, double perMinute) {
    var suffix = 0.0;
    var worst = 0.0;
    for (int minute = arrivals.length - 1; minute >= 0; minute--) {
      suffix += arrivals[minute];
      worst = Math.max(worst, suffix - perMinute * (arrivals.length - minute));
    }
    return worst;
  }

  /** The lowest total $/h any eligible offer asks at any hour of the run (0 with none). */
  static double cheapestPrice(SimulationSetup setup) {
    var eligible = new EligibleOffers(setup.group());
    var ceiling = eligible.highestCeiling();
    var cheapest = Double.POSITIVE_INFINITY;
    for (var offer : setup.market().all()) {
      for (int hour = 0; hour < setup.hours(); hour++) {
        if (eligible.accepts(offer, hour, ceiling)) {
          cheapest = Math.min(cheapest, offer.totalPriceAt(hour));
        }
      }
    }
    return Double.isInfinite(cheapest) ? 0 : cheapest;
  }
}
