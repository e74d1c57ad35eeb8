package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One rented Vast.ai instance as listed in the {@code vast_instances} section of {@code
 * distributed_hosts.yaml}.
 *
 * @param id the Vast.ai instance id, greater than 0
 * @param hostname the node's name in the cluster, e.g. {@code vast-12345678}
 * @param tailscaleIp its Tailscale address, or {@code null} when not known yet
 * @param gpuType GPU model, e.g. {@code RTX 4090}, or {@code null} when not known
 * @param gpuCount number of GPUs, at least 0
 * @param status free text such as {@code running} or {@code offline}
 * @param lastSeen when the bot last saw it healthy, or {@code null} if never
 */
public record VastHostEntry(
    long id,
    String hostname,
    String tailscaleIp,
    String gpuType,
    int gpuCount,
    String status,
    Instant lastSeen) {

  public VastHostEntry {
    if (id <= 0) {
      throw new IllegalArgumentException("id <= 0: " + id);
    }
    requireNonNull(hostname, "hostname == null");
    if (gpuCount < 0) {
      throw new IllegalArgumentException("gpuCount < 0: " + gpuCount);
    }
    requireNonNull(status, "status == null");
  }
}
