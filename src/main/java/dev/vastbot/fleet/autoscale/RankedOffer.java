package dev.vastbot.fleet.autoscale;

import dev.vastbot.fleet.Offer;

/**
 * An offer with what it would cost and yield.
 *
 * @param pricePerHour total USD per hour: GPU (or the bid) plus storage for the priced disk
 * @param gamesPerHour expected games per hour of its GPUs
 */
public record RankedOffer(Offer offer, double pricePerHour, double gamesPerHour) {

  double gamesPerDollar() {
    return gamesPerHour / Math.max(0.001, pricePerHour);
  }
}
