package dev.vastbot.simulate;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Per-instance use between two ticks, for the old rules' utilization and idle count. */
final class TickStats {
  private final Map<Long, Double> busySum = new HashMap<>();
  private final Map<Long, Integer> minutes = new HashMap<>();
  private double played;
  private double capacity;

  void add(MinuteStep.Result minute, FleetState before) {
    played += minute.gamesPlayed();
    capacity += before.capacity() / 60.0;
    minute.busy().forEach((id, share) -> {
      busySum.merge(id, share, Double::sum);
      minutes.merge(id, 1, Integer::sum);
    });
  }

  double utilization() {
    return capacity > 0 ? Math.min(1, played / capacity) : 0;
  }

  Set<Long> idle(double idleShare) {
    return busySum.keySet().stream()
        .filter(id -> busySum.get(id) / minutes.get(id) < idleShare)
        .collect(Collectors.toSet());
  }
}
