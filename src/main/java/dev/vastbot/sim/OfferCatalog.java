package dev.vastbot.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The seeded offers and which of them are rented. The first three RTX 4090 offers are always
 * single-GPU, cheap (≤ $0.45/h base) and reliable (≥ 0.95), whatever the seed. Not thread-safe: the
 * marketplace guards it.
 */
final class OfferCatalog {
  private static final List<String> LOCATIONS =
      List.of(
          "Washington, US",
          "Texas, US",
          "Oregon, US",
          "Quebec, CA",
          "Ontario, CA",
          "Bavaria, DE",
          "North Holland, NL",
          "Moravia, CZ",
          "Tokyo, JP",
          "New South Wales, AU",
          "Uusimaa, FI");
  private static final List<String> DRIVERS =
      List.of("535.183.01", "550.127.05", "560.35.03", "570.124.04", "575.57.08");
  private static final List<String> CPUS =
      List.of(
          "AMD EPYC 7543 32-Core Processor",
          "AMD Ryzen 9 7950X 16-Core Processor",
          "Intel Xeon Gold 6338 CPU @ 2.00GHz",
          "AMD EPYC 9554 64-Core Processor",
          "Intel Core i9-13900K");
  private static final int[] GPU_COUNTS = {1, 1, 1, 2, 4, 8};
  private static final int GUARANTEED_CHEAP_4090S = 3;

  private final List<SimOffer> offers;
  private final Map<Long, Long> rentedBy = new HashMap<>();
  private double priceFactor = 1.0;

  OfferCatalog(long seed) {
    this.offers = List.copyOf(generate(new Random(seed)));
  }

  /**
   * The offers at today's prices: the seeded ones times the price factor (1 until {@link
   * #setPriceFactor}). A rented instance keeps the price it was rented at.
   */
  List<SimOffer> offers() {
    return priceFactor == 1.0 ? offers : offers.stream().map(offer -> offer.repriced(priceFactor)).toList();
  }

  Optional<SimOffer> offer(long offerId) {
    return offers.stream().filter(offer -> offer.id() == offerId).findFirst()
        .map(offer -> priceFactor == 1.0 ? offer : offer.repriced(priceFactor));
  }

  /** Every offer's GPU price and minimum bid from now on: the seeded ones times {@code factor}. */
  void setPriceFactor(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("price factor must be positive: " + factor);
    }
    priceFactor = factor;
  }

  boolean isRented(long offerId) {
    return rentedBy.containsKey(offerId);
  }

  void markRented(long offerId, long instanceId) {
    rentedBy.put(offerId, instanceId);
  }

  void release(long offerId) {
    rentedBy.remove(offerId);
  }

  Set<Long> rentedOfferIds() {
    return Set.copyOf(rentedBy.keySet());
  }

  private static List<SimOffer> generate(Random random) {
    var generated = new ArrayList<SimOffer>();
    var usedMachines = new HashSet<Long>();
    long offerId = 6_000_000L + random.nextInt(900_000);
    for (GpuModel model : GpuModel.catalog()) {
      for (int index = 0; index < model.offerCount(); index++) {
        offerId += 1 + random.nextInt(5_000);
        boolean guaranteed = model.name().equals("RTX 4090") && index < GUARANTEED_CHEAP_4090S;
        generated.add(
            offer(random, offerId, model, guaranteed, uniqueMachine(random, usedMachines)));
      }
    }
    return generated;
  }

  /** One machine of {@code model}; also used for the machines of seeded instances. */
  static SimOffer offer(
      Random random, long offerId, GpuModel model, boolean guaranteed, long machineId) {
    int numGpus = guaranteed ? 1 : GPU_COUNTS[random.nextInt(GPU_COUNTS.length)];
    double perGpu =
        guaranteed
            ? between(random, model.priceLow(), 0.45)
            : between(random, model.priceLow(), model.priceHigh());
    double dphBase = round(perGpu * numGpus, 4);
    double reliability =
        round(guaranteed ? between(random, 0.95, 0.999) : between(random, 0.90, 0.999), 4);
    return new SimOffer(
        offerId,
        machineId,
        1_000 + random.nextInt(299_000),
        model,
        numGpus,
        dphBase,
        round(dphBase * between(random, 0.35, 0.70), 4),
        round(between(random, 0.05, 0.30), 4),
        reliability,
        guaranteed || random.nextInt(10) != 0,
        LOCATIONS.get(random.nextInt(LOCATIONS.size())),
        round(between(random, 60, 2000), 1),
        round(between(random, 100, 5000), 1),
        round(between(random, 200, 8000), 1),
        Math.min(128, numGpus * (4 + 4 * random.nextInt(4))),
        numGpus * (16_384 + 16_384 * random.nextInt(4)),
        CPUS.get(random.nextInt(CPUS.size())),
        guaranteed || random.nextInt(8) != 0 ? 16 + random.nextInt(984) : 0,
        DRIVERS.get(random.nextInt(DRIVERS.size())),
        86_400.0 * (3 + random.nextInt(178)));
  }

  private static long uniqueMachine(Random random, Set<Long> used) {
    long machineId;
    do {
      machineId = 10_000 + random.nextInt(50_000);
    } while (!used.add(machineId));
    return machineId;
  }

  static double between(Random random, double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
