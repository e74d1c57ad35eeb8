package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Offer;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One instance of a group as the autoscaler sees it on a tick: one Vast lists ({@link #listed}), or
 * one rented from an offer on this tick that no list shows yet ({@link #renting}), which has no id
 * here: it counts towards the group's size and ceiling, and costs what its offer says.
 *
 * @param vastId Vast's id of the instance; empty for one being rented that no list shows yet
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
    OptionalLong vastId,
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
    requireNonNull(vastId, "vastId == null");
    requireNonNull(gpuName, "gpuName == null");
    requireNonNull(state, "state == null");
    requireNonNull(idleSince, "idleSince == null");
  }

  /** An instance Vast lists, by its id. */
  public GroupInstance(long id, String gpuName, int numGpus, double dphTotal, double storageDph, InstanceState state,
      boolean reachable, Optional<Instant> idleSince, double gamesPerHour, boolean markedForReplacement,
      int unhealthyChecks, boolean outbid) {
    this(OptionalLong.of(id), gpuName, numGpus, dphTotal, storageDph, state, reachable, idleSince, gamesPerHour,
        markedForReplacement, unhealthyChecks, outbid);
  }

  /**
   * An instance rented from {@code offer} on this tick that no list shows yet: booting, not reached
   * by any probe, costing the offer's price (its storage the part above the base price).
   */
  public static GroupInstance renting(Offer offer) {
    return new GroupInstance(OptionalLong.empty(), offer.gpuName(), offer.numGpus(), offer.dphTotal(),
        Math.max(0, offer.dphTotal() - offer.dphBase()), InstanceState.LOADING, false, Optional.empty(), 0, false,
        0, false);
  }

  /** Whether Vast lists it (it has an id); false for one being rented on this tick. */
  public boolean listed() {
    return vastId.isPresent();
  }

  /**
   * Vast's id of this listed instance.
   *
   * @throws IllegalStateException for one being rented that no list shows yet (see {@link #listed})
   */
  public long id() {
    return vastId.orElseThrow(() -> new IllegalStateException(
        "a " + gpuName + " instance being rented has no id until Vast lists it"));
  }

  /** Whether it is listed with one of {@code ids}; never for one being rented. */
  boolean isOneOf(Set<Long> ids) {
    return listed() && ids.contains(id());
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
