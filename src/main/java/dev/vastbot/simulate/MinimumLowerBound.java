package dev.vastbot.simulate;

/**
 * A lower bound that respects the group's {@code min_instances}: any policy pays at least the
 * minimum at the cheapest eligible price for the whole run, and those dollars play at most the
 * best games per dollar; the games they cannot absorb cost at least the best games per dollar.
 * A game may wait for the minimum's spare capacity until the run ends (never before it arrives),
 * so no policy that keeps the minimum costs less, whatever its queue did; a bound that made games
 * wait at most the queue's target would be passed by policies that cannot meet the target (the
 * held-at-max row on a burst). At least {@link LowerBound}'s cost; exactly the minimum times the
 * cheapest price when no game arrives. Pure.
 */
final class MinimumLowerBound {
  static final String NAME = "lower bound min";

  private MinimumLowerBound() {}

  static PolicyOutcome outcome(SimulationSetup setup, LowerBound.Best best) {
    return outcome(setup, best, setup.trace().minutes());
  }

  /**
   * The same bound when no game may wait longer than the queue's target after it arrives: what a
   * policy that always met its target would pay at least. Not a bound for a policy that lets games
   * wait longer (held at max passes it on a burst it cannot drain within the target).
   */
  static double withinTargetCost(SimulationSetup setup, LowerBound.Best best) {
    var window = (int) Math.round(setup.targetBacklogHours() * 60);
    return outcome(setup, best, window).costUsd();
  }

  private static PolicyOutcome outcome(
      SimulationSetup setup, LowerBound.Best best, int windowMinutes) {
    var minimum = setup.group().minInstances();
    var floorDph = minimum * cheapestPrice(setup);
    var arrivals = setup.trace().gamesPerMinute();
    var minutes = arrivals.length;
    var extraGames =
        unabsorbed(arrivals, floorDph * best.gamesPerDollar() / 60.0, windowMinutes);
    var cost = floorDph * minutes / 60.0 + extraGames / best.gamesPerDollar();
    var instanceHours = minimum * minutes / 60.0 + extraGames / best.gamesPerHour();
    return new PolicyOutcome(
        NAME, cost, instanceHours, 0, java.util.Optional.empty(), 0, 0, 0);
  }

  /**
   * Games that {@code perMinute} of capacity cannot play within {@code windowMinutes} of their
   * arrival: played oldest first (earliest deadline first, the most a constant capacity can meet),
   * a game still queued when its window closes or at the end of the run cannot be absorbed.
   */
  static double unabsorbed(double[] arrivals, double perMinute, int windowMinutes) {
    var waiting = new double[arrivals.length];
    var oldest = 0;
    var extra = 0.0;
    for (int minute = 0; minute < arrivals.length; minute++) {
      waiting[minute] = arrivals[minute];
      var capacity = perMinute;
      while (oldest <= minute && capacity > 0) {
        var played = Math.min(capacity, waiting[oldest]);
        waiting[oldest] -= played;
        capacity -= played;
        if (waiting[oldest] > 0) {
          break;
        }
        oldest++;
      }
      while (oldest <= minute && oldest + windowMinutes <= minute) {
        extra += waiting[oldest];
        waiting[oldest++] = 0;
      }
    }
    for (int minute = oldest; minute < arrivals.length; minute++) {
      extra += waiting[minute];
    }
    return extra;
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
