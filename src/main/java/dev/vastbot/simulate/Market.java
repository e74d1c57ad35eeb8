package dev.vastbot.simulate;

import dev.vastbot.fleet.Offer;
import dev.vastbot.sim.CatalogOffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The simulated marketplace: the machines of {@code catalogues} of the sim's seeded offer
 * catalogues (one catalogue has only 8 RTX 4090 machines, too few for a fleet of 10 once some are
 * over the price ceiling), each priced per hour by a {@link PriceWalk}. A rented machine is not
 * listed until it is given back.
 */
final class Market {
  /** Keeps offer ids of different catalogues apart (the sim's ids are below 10 million). */
  private static final long CATALOGUE_ID_STRIDE = 10_000_000L;

  private final List<MarketOffer> offers;
  private final int catalogues;

  private Market(List<MarketOffer> offers, int catalogues) {
    this.offers = List.copyOf(offers);
    this.catalogues = catalogues;
  }

  /** A market of exactly {@code offers}, counted as one catalogue. */
  static Market of(List<MarketOffer> offers) {
    return new Market(offers, 1);
  }

  static Market seeded(long seed, int catalogues, double diskGb, int hours) {
    var walks = new Random(seed);
    var offers = new ArrayList<MarketOffer>();
    for (int catalogue = 0; catalogue < catalogues; catalogue++) {
      for (var machine : CatalogOffer.seeded(seed * 1_000 + catalogue)) {
        var prices =
            PriceWalk.walk(
                walks,
                machine.dphBase(),
                machine.priceLowPerGpu() * machine.numGpus(),
                machine.priceHighPerGpu() * machine.numGpus(),
                hours);
        var id = catalogue * CATALOGUE_ID_STRIDE + machine.id();
        offers.add(new MarketOffer(id, machine, diskGb, prices));
      }
    }
    return new Market(offers, catalogues);
  }

  int catalogues() {
    return catalogues;
  }

  List<MarketOffer> all() {
    return offers;
  }

  Optional<MarketOffer> byId(long id) {
    return offers.stream().filter(offer -> offer.id() == id).findFirst();
  }

  /** What a search at {@code hour} lists: every machine not in {@code rented}. */
  List<Offer> listedAt(int hour, Set<Long> rented) {
    var listed = new ArrayList<Offer>();
    for (var offer : offers) {
      if (!rented.contains(offer.id())) {
        listed.add(offer.offerAt(hour));
      }
    }
    return listed;
  }
}
