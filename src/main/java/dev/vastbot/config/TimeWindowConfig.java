package dev.vastbot.config;

import dev.vastbot.fleet.autoscale.TimeWindow;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Reads a group's {@code windows} mapping: named time-of-day windows, checked in file order. */
final class TimeWindowConfig {
  private static final List<String> ALL_DAYS =
      List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final Map<String, DayOfWeek> DAYS =
      Map.of(
          "mon",
          DayOfWeek.MONDAY,
          "tue",
          DayOfWeek.TUESDAY,
          "wed",
          DayOfWeek.WEDNESDAY,
          "thu",
          DayOfWeek.THURSDAY,
          "fri",
          DayOfWeek.FRIDAY,
          "sat",
          DayOfWeek.SATURDAY,
          "sun",
          DayOfWeek.SUNDAY);

  private TimeWindowConfig() {}

  static List<TimeWindow> readAll(ConfigSection windows, Setting<Integer> minInstances) {
    var read = new ArrayList<TimeWindow>();
    for (var name : windows.keys()) {
      read.add(read(name, windows.section(name), minInstances));
    }
    windows.rejectUnknownKeys();
    return List.copyOf(read);
  }

  private static TimeWindow read(String name, ConfigSection window, Setting<Integer> minInstances) {
    var days = EnumSet.noneOf(DayOfWeek.class);
    for (var day : window.textList("days", ALL_DAYS)) {
      days.add(GroupConfig.oneOf(day, DAYS));
    }
    var start = timeOf(window.text("start", "00:00"));
    var end = timeOf(window.text("end", "00:00"));
    var max = window.integer("max_instances", -1);
    if (!max.isDefault()) {
      max.require(n -> n >= minInstances.value(), "must be at least " + minInstances.reference());
    }
    var price = window.decimal("max_price", -1);
    if (!price.isDefault()) {
      price.require(p -> p > 0, "must be greater than 0");
    }
    window.rejectUnknownKeys();
    return new TimeWindow(
        name,
        days,
        start,
        end,
        max.isDefault() ? OptionalInt.empty() : OptionalInt.of(max.value()),
        price.isDefault() ? OptionalDouble.empty() : OptionalDouble.of(price.value()));
  }

  private static LocalTime timeOf(Setting<String> time) {
    try {
      return LocalTime.parse(time.value());
    } catch (DateTimeParseException notATime) {
      throw time.problem("must be a time of day like '22:00'");
    }
  }
}
