package dev.vastbot.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated minute of one fleet, as a pure function: the minute's games join the queue, the
 * running instances play what they can (handed out oldest instance first, as workers pulling from
 * one queue leave the newest idle when there is too little), and every instance is billed: storage
 * from the rent on, GPU only while running (Vast does not bill the GPU while loading).
 */
final class MinuteStep {
  static final Duration MINUTE = Duration.ofMinutes(1);

  /**
   * What the minute did.
   *
   * @param busy per running instance, the share of its capacity it used this minute
   * @param activeInstances instances that existed and were not stopped (for instance-hours)
   */
  record Result(
      FleetState next,
      double cost,
      double gamesPlayed,
      int activeInstances,
      Map<Long, Double> busy) {}

  private MinuteStep() {}

  /**
   * Advances {@code state} by one minute in which {@code arrivals} games are enqueued; an instance
   * using less than {@code idleShare} of its capacity counts as idle from this minute on.
   */
  static Result advance(FleetState state, double arrivals, double idleShare) {
    var now = state.now();
    var available = state.queue() + arrivals;
    var played = 0.0;
    var cost = 0.0;
    var active = 0;
    var busy = new HashMap<Long, Double>();
    var next = new ArrayList<RentedInstance>();
    for (var instance : state.instances()) {
      cost += instance.costOfMinuteAt(now);
      if (!instance.stopped()) {
        active++;
      }
      if (!instance.runningAt(now)) {
        next.add(instance.withIdleSince(Optional.empty()));
        continue;
      }
      var capacity = instance.gamesPerHour() / 60.0;
      var work = Math.min(capacity, available - played);
      played += work;
      var share = capacity > 0 ? work / capacity : 0;
      busy.put(instance.id(), share);
      var idleSince =
          share < idleShare
              ? instance.idleSince().or(() -> Optional.of(now))
              : Optional.<Instant>empty();
      next.add(instance.withIdleSince(idleSince));
    }
    var queue = Math.max(0, available - played);
    var after =
        new FleetState(
            now.plus(MINUTE),
            queue,
            next,
            state.lastScaleUp(),
            state.lastScaleDown(),
            state.nextInstanceId());
    return new Result(after, cost, played, active, Map.copyOf(busy));
  }
}
