package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * One named autoscaler group ({@code selfplay-4090}, {@code training-h100}): its size limits,
 * demand signal, throughput, thresholds, pace, offers, its own budget and its time-of-day windows.
 *
 * @param minInstances never fewer ({@code VAST_AUTOSCALE_MIN})
 * @param maxInstances never more outside any window ({@code VAST_AUTOSCALE_MAX})
 * @param windows checked in order; the first that covers the moment overrides the limits
 * @param unattendedScaleDown whether its scale-downs and replacements terminate without a person's
 *     approval (still synced and verified first); off unless the team configures it
 * @param warmPool its pool of stopped instances; {@link WarmPool#NONE} when it keeps none
 */
public record GroupPolicy(
    String name,
    int minInstances,
    int maxInstances,
    DemandSignal demand,
    Throughput throughput,
    Hysteresis hysteresis,
    Pacing pacing,
    OfferPreference offers,
    Budget budget,
    List<TimeWindow> windows,
    boolean unattendedScaleDown,
    WarmPool warmPool) {

  /** A group whose scale-downs wait for a person's approval. */
  public GroupPolicy(String name, int minInstances, int maxInstances, DemandSignal demand,
      Throughput throughput, Hysteresis hysteresis, Pacing pacing, OfferPreference offers, Budget budget,
      List<TimeWindow> windows) {
    this(name, minInstances, maxInstances, demand, throughput, hysteresis, pacing, offers, budget, windows,
        false, WarmPool.NONE);
  }

  /** A group with no warm pool. */
  public GroupPolicy(String name, int minInstances, int maxInstances, DemandSignal demand,
      Throughput throughput, Hysteresis hysteresis, Pacing pacing, OfferPreference offers, Budget budget,
      List<TimeWindow> windows, boolean unattendedScaleDown) {
    this(name, minInstances, maxInstances, demand, throughput, hysteresis, pacing, offers, budget, windows,
        unattendedScaleDown, WarmPool.NONE);
  }

  public GroupPolicy {
    requireNonNull(name, "name == null");
    if (minInstances < 0 || maxInstances < minInstances) {
      throw new IllegalArgumentException(
          "need 0 <= minInstances <= maxInstances, got " + minInstances + ".." + maxInstances);
    }
    requireNonNull(demand, "demand == null");
    requireNonNull(throughput, "throughput == null");
    requireNonNull(hysteresis, "hysteresis == null");
    requireNonNull(pacing, "pacing == null");
    requireNonNull(offers, "offers == null");
    requireNonNull(budget, "budget == null");
    windows = List.copyOf(windows);
    requireNonNull(warmPool, "warmPool == null");
  }

  /** The limits in force at {@code localTime} (in the policy's zone). */
  public ActiveLimits limitsAt(ZonedDateTime localTime) {
    for (var window : windows) {
      if (window.covers(localTime)) {
        var max = window.maxInstances().orElse(maxInstances);
        var price = window.maxPrice().orElse(offers.maxPrice());
        return new ActiveLimits(window.name(), Math.max(minInstances, max), price);
      }
    }
    return new ActiveLimits(ActiveLimits.NO_WINDOW, maxInstances, offers.maxPrice());
  }
}
