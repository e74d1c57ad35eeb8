package dev.vastbot.fleet.autoscale;

import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.RentalType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Ranks a group's offers by expected games per dollar, after dropping the ones it must not take:
 * another GPU type, reliability under the floor, a price over the window's maximum, a minimum bid
 * over the bid ceiling, or taken by someone else meanwhile. Ties go to the more preferred GPU type,
 * then the cheaper offer, then the more reliable host, then the lower offer id. Pure.
 */
final class OfferRanking {
  private final GroupPolicy group;
  private final ActiveLimits limits;
  private int taken;
  private int tooExpensive;
  private int unreliable;

  OfferRanking(GroupPolicy group, ActiveLimits limits) {
    this.group = group;
    this.limits = limits;
  }

  /** The acceptable offers of {@code observed}, best first. */
  List<RankedOffer> rank(GroupObservation observed) {
    var ranked = new ArrayList<RankedOffer>();
    for (var offer : observed.offers()) {
      if (observed.takenOfferIds().contains(offer.id())) {
        taken++;
      } else if (acceptable(offer)) {
        var gamesPerHour = group.throughput().gamesPerHour(offer.gpuName(), offer.numGpus());
        ranked.add(new RankedOffer(offer, priceOf(offer), gamesPerHour));
      }
    }
    ranked.sort(bestFirst());
    return List.copyOf(ranked);
  }

  /** Why nothing was found, for people. */
  String nothingFound() {
    var types =
        group.offers().gpuTypes().isEmpty()
            ? "any GPU"
            : String.join(", ", group.offers().gpuTypes());
    return String.format(
        Locale.ROOT,
        "no offer of %s at most %.2f $/h with reliability >= %.2f (%d taken, %d too expensive, %d"
            + " unreliable)",
        types,
        limits.maxPrice(),
        group.offers().minReliability(),
        taken,
        tooExpensive,
        unreliable);
  }

  private boolean acceptable(Offer offer) {
    if (!group.offers().accepts(offer.gpuName())) {
      return false;
    }
    if (offer.reliability() < group.offers().minReliability()) {
      unreliable++;
      return false;
    }
    var overCeiling = isBid() && offer.minBid() > group.offers().bidCeiling();
    if (overCeiling || priceOf(offer) > limits.maxPrice()) {
      tooExpensive++;
      return false;
    }
    return true;
  }

  /** On-demand: the total price; interruptible: the minimum bid plus the storage part. */
  private double priceOf(Offer offer) {
    if (!isBid()) {
      return offer.dphTotal();
    }
    var storage = Math.max(0, offer.dphTotal() - offer.dphBase());
    return offer.minBid() + storage;
  }

  private boolean isBid() {
    return group.offers().rentalType() == RentalType.BID;
  }

  private Comparator<RankedOffer> bestFirst() {
    return Comparator.comparingDouble(RankedOffer::gamesPerDollar)
        .reversed()
        .thenComparingInt(ranked -> group.offers().preferenceOf(ranked.offer().gpuName()))
        .thenComparingDouble(RankedOffer::pricePerHour)
        .thenComparing(ranked -> -ranked.offer().reliability())
        .thenComparingLong(ranked -> ranked.offer().id());
  }
}
