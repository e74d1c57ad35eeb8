package dev.vastbot.fleet.cost;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vast's own instance charges ({@code GET /api/v0/charges/}) for the period {@code from} (included)
 * to {@code until} (excluded), one line per charge record Vast returned.
 */
public record VastCharges(Instant from, Instant until, List<ChargeLine> lines) {
  public VastCharges {
    requireNonNull(from, "from == null");
    requireNonNull(until, "until == null");
    lines = List.copyOf(lines);
  }

  public double total() {
    return lines.stream().mapToDouble(ChargeLine::amount).sum();
  }

  /** The charges summed per instance id (Vast may split one instance into several records). */
  public Map<Long, Double> byInstance() {
    Map<Long, Double> sums = new TreeMap<>();
    lines.forEach(line -> sums.merge(line.instanceId(), line.amount(), Double::sum));
    return sums;
  }
}
