package dev.vastbot.service.autoscale;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A step's value with the lines it said for people on the way (what it did, what went wrong), which
 * join its group's outcome in order.
 *
 * @param value what the step gives back
 * @param lines what it said, for people
 */
record Noted<T>(T value, List<String> lines) {
  Noted {
    requireNonNull(value, "value == null");
    lines = List.copyOf(lines);
  }

  /** {@code value} with nothing said. */
  static <T> Noted<T> quiet(T value) {
    return new Noted<>(value, List.of());
  }

  /** The lines of {@code first}, then the lines of each of {@code more}, in order. */
  @SafeVarargs
  static List<String> joined(List<String> first, List<String>... more) {
    var all = new ArrayList<>(first);
    for (List<String> next : more) {
      all.addAll(next);
    }
    return List.copyOf(all);
  }
}
