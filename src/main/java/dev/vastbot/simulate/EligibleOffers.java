package dev.vastbot.simulate;

import dev.vastbot.fleet.autoscale.GroupPolicy;
import java.util.Comparator;
import java.util.List;

/** The group's filter over the market (GPU type, reliability floor, price ceiling), its yield. */
final class EligibleOffers {
  private final GroupPolicy group;

  EligibleOffers(GroupPolicy group) {
    this.group = group;
  }

  /** The highest price the group ever accepts: its own ceiling or a window's. */
  double highestCeiling() {
    return group.windows().stream()
        .mapToDouble(window -> window.maxPrice().orElse(group.offers().maxPrice()))
        .reduce(group.offers().maxPrice(), Math::max);
  }

  boolean accepts(MarketOffer offer, int hour, double ceiling) {
    return group.offers().accepts(offer.gpuName())
        && offer.reliability() >= group.offers().minReliability()
        && offer.totalPriceAt(hour) <= ceiling;
  }

  double gamesPerHour(MarketOffer offer) {
    return group.throughput().gamesPerHour(offer.gpuName(), offer.numGpus());
  }

  double gamesPerDollar(MarketOffer offer, int hour) {
    return gamesPerHour(offer) / offer.totalPriceAt(hour);
  }

  /** The {@code count} best games-per-dollar offers at {@code hour} under the group's ceiling. */
  List<MarketOffer> best(List<MarketOffer> offers, int hour, int count) {
    return offers.stream()
        .filter(offer -> accepts(offer, hour, group.offers().maxPrice()))
        .sorted(
            Comparator.comparingDouble((MarketOffer offer) -> -gamesPerDollar(offer, hour))
                .thenComparingLong(MarketOffer::id))
        .limit(count)
        .toList();
  }
}
