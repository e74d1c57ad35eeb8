package dev.vastbot.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws the instances that already exist on the account when a simulation starts ({@link
 * SimMarketplace#seedInstances}): each on its own machine, outside the offer catalog (whose offers
 * stay rentable), labelled {@code seed-0001}, {@code seed-0002}, ..., with GPU models weighted like
 * the catalog's, one in six interruptible, started between 10 minutes and 14 days ago, and about
 * 92 in 100 running (the rest stopped, exited or offline). The draws come from the settings' seed
 * alone, so the same seed gives the same fleet. Not thread-safe: the marketplace guards it.
 */
final class SeededFleet {
  static final String IMAGE = "pytorch/pytorch:2.0";
  static final double DISK_GB = 50.0;
  private static final long SALT = 0x5EED_F1EE_7L;
  private static final Duration YOUNGEST = Duration.ofMinutes(10);
  private static final Duration OLDEST = Duration.ofDays(14);

  /** What an instance looks like when the simulation starts. */
  enum Start {
    RUNNING,
    STOPPED,
    EXITED,
    OFFLINE
  }

  /** One instance to create: its machine, its order, when it began and where it stands now. */
  record Seed(SimOffer offer, CreateOrder order, Instant createdAt, Start start) {}

  private final Random random;
  private final List<GpuModel> models = GpuModel.catalog();
  private final int totalWeight = models.stream().mapToInt(GpuModel::offerCount).sum();
  private long nextOfferId;
  private long nextMachineId;
  private int drawn;

  SeededFleet(long seed) {
    this.random = new Random(seed ^ SALT);
    this.nextOfferId = 9_000_000L + random.nextInt(100_000);
    this.nextMachineId = 70_000L + random.nextInt(10_000);
  }

  /** The next {@code count} seeds; labels go on from the last call's. */
  List<Seed> next(int count, Instant now) {
    if (count < 0) {
      throw new IllegalArgumentException("count < 0: " + count);
    }
    var seeds = new ArrayList<Seed>(count);
    for (int index = 0; index < count; index++) {
      seeds.add(draw(now));
    }
    return seeds;
  }

  private Seed draw(Instant now) {
    drawn++;
    nextOfferId += 1 + random.nextInt(5_000);
    nextMachineId += 1 + random.nextInt(7);
    SimOffer offer = OfferCatalog.offer(random, nextOfferId, model(), false, nextMachineId);
    Double bid =
        random.nextInt(6) == 0
            ? OfferCatalog.round(OfferCatalog.between(random, offer.minBid(), offer.dphBase()), 4)
            : null;
    var order =
        new CreateOrder(
            IMAGE,
            DISK_GB,
            String.format("seed-%04d", drawn),
            List.of(),
            null,
            "ssh_direc ssh_proxy",
            List.of(),
            bid,
            false,
            false);
    long ageSeconds =
        YOUNGEST.toSeconds()
            + (long) (random.nextDouble() * (OLDEST.toSeconds() - YOUNGEST.toSeconds()));
    return new Seed(offer, order, now.minusSeconds(ageSeconds), start());
  }

  private GpuModel model() {
    int pick = random.nextInt(totalWeight);
    for (GpuModel model : models) {
      pick -= model.offerCount();
      if (pick < 0) {
        return model;
      }
    }
    throw new AssertionError("weights do not add up");
  }

  private Start start() {
    int roll = random.nextInt(100);
    if (roll < 92) {
      return Start.RUNNING;
    }
    if (roll < 97) {
      return Start.STOPPED;
    }
    return roll < 99 ? Start.EXITED : Start.OFFLINE;
  }
}
