package dev.vastbot.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link Billing} charged each instance, as spans at constant GPU and storage rates, kept after
 * the instance is destroyed (Vast still reports a destroyed instance's charges). A span that
 * follows the last one of its instance at the same rates extends it, so an instance costs one span
 * per rate change, not one per request. {@link #between} cuts the spans to a window, so the charges
 * for any window add up to what the balance lost in it. Not thread-safe: the marketplace guards it.
 */
final class ChargeBook {
  private static final double NANOS_PER_HOUR = 3_600e9;

  /** One instance's charges in a window, USD. */
  record Charge(long instanceId, String label, Instant start, Instant end, double gpu, double disk) {
    double amount() {
      return gpu + disk;
    }
  }

  private record Span(Instant from, Instant until, double gpuRate, double diskRate) {}

  private final Map<Long, List<Span>> spans = new TreeMap<>();
  private final Map<Long, String> labels = new TreeMap<>();

  void record(long instanceId, String label, Instant from, Instant until, double gpuRate, double diskRate) {
    if (!until.isAfter(from) || (gpuRate == 0 && diskRate == 0)) {
      return;
    }
    labels.put(instanceId, label);
    List<Span> own = spans.computeIfAbsent(instanceId, id -> new ArrayList<>());
    Span last = own.isEmpty() ? null : own.get(own.size() - 1);
    if (last != null && last.until().equals(from) && last.gpuRate() == gpuRate && last.diskRate() == diskRate) {
      own.set(own.size() - 1, new Span(last.from(), until, gpuRate, diskRate));
    } else {
      own.add(new Span(from, until, gpuRate, diskRate));
    }
  }

  /** Each instance charged something in {@code [from, until)}, by id. */
  List<Charge> between(Instant from, Instant until) {
    List<Charge> charges = new ArrayList<>();
    spans.forEach((id, own) -> {
      double gpu = 0;
      double disk = 0;
      Instant start = null;
      Instant end = null;
      for (Span span : own) {
        Instant a = span.from().isAfter(from) ? span.from() : from;
        Instant b = span.until().isBefore(until) ? span.until() : until;
        if (!b.isAfter(a)) {
          continue;
        }
        double hours = Duration.between(a, b).toNanos() / NANOS_PER_HOUR;
        gpu += span.gpuRate() * hours;
        disk += span.diskRate() * hours;
        start = start == null ? a : start;
        end = b;
      }
      if (start != null) {
        charges.add(new Charge(id, labels.get(id), start, end, gpu, disk));
      }
    });
    return charges;
  }
}
