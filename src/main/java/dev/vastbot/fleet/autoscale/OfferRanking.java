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
public final class OfferRanking {
  private final GroupPolicy group;
  private final ActiveLimits limits;
  private int listed;
  private int taken;
  private int otherType;
  private int unreliable;
  private int overBidCeiling;
  private int overPriceCeiling;
  private double cheapestOverCeiling = Double.POSITIVE_INFINITY;

  public OfferRanking(GroupPolicy group, ActiveLimits limits) {
    this.group = group;
    this.limits = limits;
  }

  /** The acceptable offers of {@code observed}, best first; counts why the others were dropped. */
  public List<RankedOffer> rank(GroupObservation observed) {
    var ranked = new ArrayList<RankedOffer>();
    for (var offer : observed.offers()) {
      listed++;
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

  /**
   * Why {@link #rank} found nothing, for people: none listed at all, or how many offers each rule
   * dropped (the window's price ceiling, with the cheapest it dropped; the reliability floor; the
   * bid ceiling; taken; another GPU type).
   */
  public String nothingFound() {
    var wanted = String.format(Locale.ROOT, "no offer of %s at most %.2f $/h (window %s) with reliability >= %.2f",
        types(), limits.maxPrice(), limits.window(), group.offers().minReliability());
    if (listed == 0) {
      return wanted + ": none of " + types() + " is listed";
    }
    return wanted + ": of " + listed + " listed, " + String.join(", ", dropped());
  }

  private List<String> dropped() {
    var why = new ArrayList<String>();
    if (overPriceCeiling > 0) {
      why.add(String.format(Locale.ROOT, "%d over the price ceiling (cheapest %.3f $/h)", overPriceCeiling,
          cheapestOverCeiling));
    }
    if (unreliable > 0) {
      why.add(unreliable + " under the reliability floor");
    }
    if (overBidCeiling > 0) {
      why.add(String.format(Locale.ROOT, "%d with a minimum bid over the bid ceiling %.3f $/h", overBidCeiling,
          group.offers().bidCeiling()));
    }
    if (taken > 0) {
      why.add(taken + " taken");
    }
    if (otherType > 0) {
      why.add(otherType + " of another GPU type");
    }
    return why;
  }

  private String types() {
    return group.offers().gpuTypes().isEmpty() ? "any GPU" : String.join(", ", group.offers().gpuTypes());
  }

  private boolean acceptable(Offer offer) {
    if (!group.offers().accepts(offer.gpuName())) {
      otherType++;
      return false;
    }
    if (offer.reliability() < group.offers().minReliability()) {
      unreliable++;
      return false;
    }
    if (isBid() && offer.minBid() > group.offers().bidCeiling()) {
      overBidCeiling++;
      return false;
    }
    if (priceOf(offer) > limits.maxPrice()) {
      overPriceCeiling++;
      cheapestOverCeiling = Math.min(cheapestOverCeiling, priceOf(offer));
      return false;
    }
    return true;
  }

  private double priceOf(Offer offer) {
    return priceOf(group, offer);
  }

  /** On-demand: the total price; interruptible: the minimum bid plus the storage part. */
  public static double priceOf(GroupPolicy group, Offer offer) {
    if (group.offers().rentalType() != RentalType.BID) {
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
