package dev.vastbot.simulate;

import dev.vastbot.fleet.Offer;
import dev.vastbot.sim.CatalogOffer;

/** One machine of the simulated market with its GPU price for every hour of the run. */
final class MarketOffer {
  private final long id;
  private final CatalogOffer machine;
  private final double storagePerHour;
  private final double[] gpuPriceByHour;
  private final double diskGb;

  MarketOffer(long id, CatalogOffer machine, double diskGb, double[] gpuPriceByHour) {
    this.id = id;
    this.machine = machine;
    this.diskGb = diskGb;
    this.storagePerHour = machine.storagePerHour(diskGb);
    this.gpuPriceByHour = gpuPriceByHour.clone();
  }

  long id() {
    return id;
  }

  String gpuName() {
    return machine.gpuName();
  }

  int numGpus() {
    return machine.numGpus();
  }

  double reliability() {
    return machine.reliability();
  }

  double storagePerHour() {
    return storagePerHour;
  }

  int hours() {
    return gpuPriceByHour.length;
  }

  double gpuPriceAt(int hour) {
    return gpuPriceByHour[Math.min(Math.max(0, hour), gpuPriceByHour.length - 1)];
  }

  /** GPU plus storage, $/h, as a search priced with the group's disk size shows it. */
  double totalPriceAt(int hour) {
    return gpuPriceAt(hour) + storagePerHour;
  }

  /** The offer as a search at {@code hour} would list it. */
  Offer offerAt(int hour) {
    return new Offer(
        id,
        machine.machineId(),
        machine.gpuName(),
        machine.numGpus(),
        machine.gpuRamMb(),
        totalPriceAt(hour),
        gpuPriceAt(hour),
        machine.minBid(),
        machine.reliability(),
        machine.geolocation(),
        Math.max(diskGb, machine.diskSpaceGb()),
        machine.inetDownMbps(),
        machine.verified());
  }
}
