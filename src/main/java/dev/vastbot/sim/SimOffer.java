package dev.vastbot.sim;

/**
 * One machine's standing offer. Immutable; whether it is rented lives in {@link OfferCatalog}.
 *
 * @param dphBase on-demand GPU price of the whole machine, $/h
 * @param minBid current minimum interruptible bid of the whole machine, $/h
 * @param storageCost $/GB/month
 * @param diskSpace free disk on the machine, GB
 * @param durationSeconds how long the host contract still runs
 */
record SimOffer(
    long id,
    long machineId,
    long hostId,
    GpuModel model,
    int numGpus,
    double dphBase,
    double minBid,
    double storageCost,
    double reliability,
    boolean verified,
    String geolocation,
    double diskSpace,
    double inetUp,
    double inetDown,
    double cpuCoresEffective,
    int cpuRamMb,
    String cpuName,
    int directPortCount,
    String driverVersion,
    double durationSeconds) {

  String gpuName() {
    return model.name();
  }

  String verification() {
    return verified ? "verified" : "unverified";
  }

  /** This offer with its GPU price and minimum bid times {@code factor} (a market move). */
  SimOffer repriced(double factor) {
    return new SimOffer(id, machineId, hostId, model, numGpus, OfferCatalog.round(dphBase * factor, 4),
        OfferCatalog.round(minBid * factor, 4), storageCost, reliability, verified, geolocation, diskSpace,
        inetUp, inetDown, cpuCoresEffective, cpuRamMb, cpuName, directPortCount, driverVersion,
        durationSeconds);
  }

  /** Storage $/h for a disk of {@code diskGb}: Vast's storage_cost × GB / 720 (VAST_API §2.4). */
  double storageTotalCost(double diskGb) {
    return storageCost * diskGb / 720.0;
  }
}
