package dev.vastbot.fleet;

/**
 * A rentable machine from the marketplace.
 *
 * @param id the ask id, passed to create
 * @param dphTotal price per hour for the priced disk size, USD (GPU + storage)
 * @param gpuRamMb per-GPU memory in MB, as Vast reports it
 * @param reliability 0..1
 */
public record Offer(
    long id,
    long machineId,
    String gpuName,
    int numGpus,
    int gpuRamMb,
    double dphTotal,
    double dphBase,
    double minBid,
    double reliability,
    String geolocation,
    double diskSpaceGb,
    double inetDownMbps,
    boolean verified) {}
