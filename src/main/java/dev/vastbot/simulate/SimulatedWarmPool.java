package dev.vastbot.simulate;

import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.autoscale.WarmPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A group's warm pool in the simulated fleet: a scale-down stops instances (storage keeps
 * billing, the GPU does not) while the pool has room, and gives the rest back; a scale-up restarts
 * members first, latest stopped first, and rents only for the rest; a member whose GPU was taken
 * while it was stopped (drawn from {@code random} by {@link Restarts#takenProbability}) is
 * destroyed and a fresh rent takes its place in the same decision; members past {@code
 * max_stopped_hours}, or whose storage has cost more than the boot time they save ({@link
 * WarmPool#worthKeeping}), are destroyed. Not thread-safe (it draws from its {@link Random});
 * deterministic for a seed.
 */
final class SimulatedWarmPool {
  private final WarmPool pool;
  private final double diskGb;
  private final Duration boot;
  private final Restarts restarts;
  private final Random random;

  SimulatedWarmPool(WarmPool pool, double diskGb, Duration boot, Restarts restarts, long seed) {
    this.pool = pool;
    this.diskGb = diskGb;
    this.boot = boot;
    this.restarts = restarts;
    this.random = new Random(seed);
  }

  /** Members no longer worth keeping at {@code fleet.now()}: to destroy. */
  List<Long> expired(FleetState fleet) {
    var bootSaved = boot.minus(restarts.delay());
    return fleet.stopped().stream()
        .filter(
            member ->
                !pool.worthKeeping(
                    stoppedFor(fleet, member), member.storageDph(), member.dphTotal(), bootSaved))
        .map(RentedInstance::id)
        .toList();
  }

  /** Letting {@code ids} go: stopped while the pool has room (less {@code leaving}), else destroyed. */
  FleetActions scaleDown(FleetState fleet, List<Long> ids, List<Long> leaving) {
    var room = pool.admits(diskGb) ? pool.size() - (fleet.stopped().size() - leaving.size()) : 0;
    var stop = ids.subList(0, Math.max(0, Math.min(room, ids.size())));
    var terminate = new ArrayList<>(leaving);
    terminate.addAll(ids.subList(stop.size(), ids.size()));
    return new FleetActions(List.of(), terminate, stop, false);
  }

  /**
   * Growing by {@code offers.size()}: restarts members (not in {@code leaving}) first, replaces
   * each taken one by a fresh rent, and rents the best offers for what no member covered.
   */
  FleetActions scaleUp(FleetState fleet, List<Offer> offers, List<Long> leaving) {
    var members =
        fleet.stopped().stream()
            .filter(member -> !leaving.contains(member.id()))
            .sorted(Comparator.comparing((RentedInstance member) -> member.stoppedSince().get())
                .reversed())
            .limit(offers.size())
            .toList();
    var restart = new ArrayList<Long>();
    var terminate = new ArrayList<>(leaving);
    for (var member : members) {
      if (random.nextDouble() < restarts.takenProbability(stoppedFor(fleet, member))) {
        terminate.add(member.id());
      } else {
        restart.add(member.id());
      }
    }
    var rent = offers.subList(0, offers.size() - restart.size());
    return new FleetActions(rent, terminate, List.of(), false, restart, restarts.delay());
  }

  private static Duration stoppedFor(FleetState fleet, RentedInstance member) {
    return Duration.between(member.stoppedSince().orElse(fleet.now()), fleet.now());
  }
}
