package dev.vastbot.fleet.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one pass of a loop (a health sweep, a look at the fleet) found, delivered together, so that
 * a fleet-wide event can be told as one message instead of one per instance.
 *
 * @param source the pass, for people ("health sweep")
 * @param at when the pass began
 */
public record AlertBatch(String source, Instant at, List<AlertEvent> events) {
  public AlertBatch {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    events = List.copyOf(events);
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }
}
