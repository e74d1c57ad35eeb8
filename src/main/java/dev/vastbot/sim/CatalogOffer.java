package dev.vastbot.sim;

import java.util.List;

/**
 * One machine of the sim's seeded offer catalogue, read-only, for tools that model the market
 * without running the HTTP server (the policy simulator). Prices are the catalogue's list prices;
 * {@code priceLowPerGpu} and {@code priceHighPerGpu} are the range the sim draws its model's prices
 * from.
 *
 * @param dphBase on-demand GPU price of the whole machine, $/h
 * @param storageCostPerGbMonth storage $/GB/month, billed while the instance exists
 */
public record CatalogOffer(
    long id,
    long machineId,
    String gpuName,
    int numGpus,
    int gpuRamMb,
    double dphBase,
    double minBid,
    double storageCostPerGbMonth,
    double reliability,
    boolean verified,
    String geolocation,
    double diskSpaceGb,
    double inetDownMbps,
    double priceLowPerGpu,
    double priceHighPerGpu) {

  /** The offers a {@link SimMarketplace} with {@code seed} lists, in catalogue order. */
  public static List<CatalogOffer> seeded(long seed) {
    return new OfferCatalog(seed).offers().stream().map(CatalogOffer::of).toList();
  }

  /** Storage $/h for a disk of {@code diskGb}: storage_cost × GB / 720 (VAST_API §2.4). */
  public double storagePerHour(double diskGb) {
    return storageCostPerGbMonth * diskGb / 720.0;
  }

  private static CatalogOffer of(SimOffer offer) {
    return new CatalogOffer(
        offer.id(),
        offer.machineId(),
        offer.gpuName(),
        offer.numGpus(),
        offer.model().ramMb(),
        offer.dphBase(),
        offer.minBid(),
        offer.storageCost(),
        offer.reliability(),
        offer.verified(),
        offer.geolocation(),
        offer.diskSpace(),
        offer.inetDown(),
        offer.model().priceLow(),
        offer.model().priceHigh());
  }
}
