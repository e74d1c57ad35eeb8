package dev.vastbot.simulate;

import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The rules of the old {@code vast_autoscaler.py} (RINGRIFT_SCRIPTS §2.3), run every tick as its
 * cron line did. Its constants are kept (cooldowns 15 and 10 min, {@code max_hourly_spend} 10.0,
 * at most 2 creates per run, cheapest offers first, 2 tried per GPU type); for a fair comparison
 * the group's minimum, maximum, GPU types, price ceiling and reliability floor replace the script's
 * 5/20 and its 8-cent GPU list. The script's signals are read from the simulated queue: {@code
 * vast_utilization} is the share of the running instances' capacity used since the last tick,
 * {@code idle_vast} the running instances that did (almost) nothing since then, and {@code
 * total_selfplay_jobs} the queued games. Scale-down is off, as the script ships it ({@code
 * SCALE_DOWN_DISABLED}); when switched on it stops (does not destroy) the most expensive running
 * instance, which keeps paying storage, as {@code vastai stop} does.
 */
final class OldRulesPolicy implements SimulatedPolicy {
  static final Duration SCALE_UP_COOLDOWN = Duration.ofMinutes(15);
  static final Duration SCALE_DOWN_COOLDOWN = Duration.ofMinutes(10);
  static final double MAX_HOURLY_SPEND = 10.0;
  static final double SCALE_UP_UTILIZATION = 0.8;
  static final double SCALE_DOWN_UTILIZATION = 0.3;
  static final double SCALE_UP_QUEUE = 500;
  static final int MAX_CREATES_PER_RUN = 2;
  static final int OFFERS_TRIED_PER_GPU = 2;

  private final GroupPolicy group;
  private final boolean scaleDownEnabled;

  OldRulesPolicy(GroupPolicy group, boolean scaleDownEnabled) {
    this.group = group;
    this.scaleDownEnabled = scaleDownEnabled;
  }

  @Override
  public String name() {
    return "old rules";
  }

  @Override
  public FleetActions decide(TickView view) {
    var running = view.fleet().running();
    var currentCost = running.stream().mapToDouble(RentedInstance::dphTotal).sum();
    if (shouldScaleUp(view, running.size(), currentCost)) {
      var chosen = offersToCreate(view.listed(), MAX_HOURLY_SPEND - currentCost);
      if (!chosen.isEmpty()) {
        return FleetActions.rent(chosen);
      }
    }
    if (scaleDownEnabled && shouldScaleDown(view, running.size())) {
      var mostExpensive =
          running.stream().max(Comparator.comparingDouble(RentedInstance::dphTotal)).orElseThrow();
      return new FleetActions(List.of(), List.of(), List.of(mostExpensive.id()), false);
    }
    return FleetActions.none();
  }

  private boolean shouldScaleUp(TickView view, int running, double currentCost) {
    var now = view.fleet().now();
    if (within(view.fleet().lastScaleUp(), SCALE_UP_COOLDOWN, now)) {
      return false;
    }
    if (currentCost >= MAX_HOURLY_SPEND || running >= group.maxInstances()) {
      return false;
    }
    if (view.utilizationLastTick() >= SCALE_UP_UTILIZATION) {
      return true;
    }
    if (view.idleLastTick().isEmpty() && running > 0) {
      return true;
    }
    return view.fleet().queue() >= SCALE_UP_QUEUE;
  }

  private boolean shouldScaleDown(TickView view, int running) {
    var now = view.fleet().now();
    return !within(view.fleet().lastScaleDown(), SCALE_DOWN_COOLDOWN, now)
        && running > group.minInstances()
        && view.utilizationLastTick() <= SCALE_DOWN_UTILIZATION
        && !view.idleLastTick().isEmpty();
  }

  /** For each GPU type in order, the cheapest offers under the budget left; at most 2 in all. */
  private List<Offer> offersToCreate(List<Offer> listed, double budgetRemaining) {
    var chosen = new ArrayList<Offer>();
    var remaining = budgetRemaining;
    for (var gpu : gpuTypes(listed)) {
      var ceiling = Math.min(group.offers().maxPrice(), remaining);
      var found =
          listed.stream()
              .filter(offer -> offer.gpuName().equals(gpu))
              .filter(offer -> offer.reliability() > group.offers().minReliability())
              .filter(offer -> offer.dphTotal() < ceiling)
              .sorted(Comparator.comparingDouble(Offer::dphTotal).thenComparingLong(Offer::id))
              .limit(OFFERS_TRIED_PER_GPU)
              .toList();
      for (var offer : found) {
        if (chosen.size() == MAX_CREATES_PER_RUN) {
          return chosen;
        }
        if (offer.dphTotal() <= remaining) {
          chosen.add(offer);
          remaining -= offer.dphTotal();
        }
      }
    }
    return chosen;
  }

  private List<String> gpuTypes(List<Offer> listed) {
    if (!group.offers().gpuTypes().isEmpty()) {
      return group.offers().gpuTypes();
    }
    return List.copyOf(new TreeSet<>(listed.stream().map(Offer::gpuName).toList()));
  }

  private static boolean within(Optional<Instant> last, Duration cooldown, Instant now) {
    return last.filter(at -> now.isBefore(at.plus(cooldown))).isPresent();
  }
}
