package dev.vastbot.simulate;

import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.autoscale.Spend;
import java.util.List;
import java.util.Set;

/**
 * What a simulated policy sees on a tick.
 *
 * @param listed the market's offers now, rented ones left out
 * @param spend spent so far this hour, day and month, and the rate now
 * @param utilizationLastTick games played over the games the running instances could have played
 *     since the last tick (0 with none running)
 * @param idleLastTick running instances that used less than the idle share since the last tick
 */
record TickView(
    FleetState fleet,
    List<Offer> listed,
    Spend spend,
    double utilizationLastTick,
    Set<Long> idleLastTick) {

  TickView {
    listed = List.copyOf(listed);
    idleLastTick = Set.copyOf(idleLastTick);
  }
}
