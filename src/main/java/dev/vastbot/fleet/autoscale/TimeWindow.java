package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A time-of-day window in the policy's zone that overrides a group's limits, such as cheaper night
 * hours with a higher maximum. A window whose end is not after its start wraps midnight: {@code
 * 22:00–06:00} on Friday covers Friday 22:00 to Saturday 06:00. Equal start and end cover the whole
 * day.
 *
 * @param name how people see it ("night")
 * @param days the days a window starts on
 * @param start first moment inside
 * @param end first moment outside
 * @param maxInstances the group's maximum while the window is on, if it changes it
 * @param maxPrice the most one instance may cost per hour while it is on, if it changes it
 */
public record TimeWindow(
    String name,
    Set<DayOfWeek> days,
    LocalTime start,
    LocalTime end,
    OptionalInt maxInstances,
    OptionalDouble maxPrice) {

  public TimeWindow {
    requireNonNull(name, "name == null");
    days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    requireNonNull(start, "start == null");
    requireNonNull(end, "end == null");
    requireNonNull(maxInstances, "maxInstances == null");
    requireNonNull(maxPrice, "maxPrice == null");
  }

  /** Whether {@code localTime} (already in the policy's zone) falls inside this window. */
  public boolean covers(ZonedDateTime localTime) {
    var time = localTime.toLocalTime();
    var day = localTime.getDayOfWeek();
    if (start.equals(end)) {
      return days.contains(day);
    }
    if (start.isBefore(end)) {
      return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
    }
    return (days.contains(day) && !time.isBefore(start))
        || (days.contains(day.minus(1)) && time.isBefore(end));
  }

  /** Whether the window wraps midnight. */
  public boolean wrapsMidnight() {
    return !start.isBefore(end) && !start.equals(end);
  }

  /** The override of the maximum, as an Optional for chaining. */
  Optional<Integer> maxInstancesOverride() {
    return maxInstances.isPresent() ? Optional.of(maxInstances.getAsInt()) : Optional.empty();
  }
}
