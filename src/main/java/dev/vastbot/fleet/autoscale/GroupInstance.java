package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.InstanceState;
import java.time.Instant;
import java.util.Optional;

/**
 * One instance of a group as the autoscaler sees it on a tick.
 *
 * @param dphTotal what it costs per hour while running (GPU + storage), USD
 * @param storageDph what it costs per hour while it exists but does not run, USD
 * @param reachable whether the last health probe got an answer; an unreachable one counts as busy
 * @param idleSince since when its GPUs stayed under the idle threshold; empty when busy or unknown
 * @param gamesPerHour games the probe counted in the last hour; 0 when unknown (the table is used)
 * @param markedForReplacement the keepalive gave up restarting it
 * @param unhealthyChecks failed health checks in a row
 * @param outbid an interruptible instance stopped by a higher bid
 */
public record GroupInstance(
    long id,
    String gpuName,
    int numGpus,
    double dphTotal,
    double storageDph,
    InstanceState state,
    boolean reachable,
    Optional<Instant> idleSince,
    double gamesPerHour,
    boolean markedForReplacement,
    int unhealthyChecks,
    boolean outbid) {

  public GroupInstance {
    requireNonNull(gpuName, "gpuName == null");
    requireNonNull(state, "state == null");
    requireNonNull(idleSince, "idleSince == null");
  }

  /** Games per hour: what the probe measured, else what the table expects of its GPUs. */
  double expectedGamesPerHour(Throughput throughput) {
    return gamesPerHour > 0 ? gamesPerHour : throughput.gamesPerHour(gpuName, numGpus);
  }

  /** Games per dollar: throughput over what it costs per hour (at least a cent, never 0). */
  double gamesPerDollar(Throughput throughput) {
    return expectedGamesPerHour(throughput) / Math.max(0.01, dphTotal);
  }
}
