package dev.vastbot.config;

import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.Budget;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.Reaction;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code autoscaler} section of {@code vastbot.yaml} into an {@link AutoscalerPolicy}.
 * Every key has a default; the defaults come from the older sections where they overlap ({@code
 * scaling}, {@code budgets}, {@code provision}, {@code health}), so a file without this section
 * gets one group {@code selfplay} that behaves as those sections say.
 */
final class AutoscalerConfig {
  /** The group a file without {@code autoscaler.groups} gets. */
  static final String DEFAULT_GROUP = "selfplay";

  private AutoscalerConfig() {}

  static AutoscalerPolicy read(ConfigSection autoscaler, AutoscalerDefaults defaults) {
    var zone = zoneOf(autoscaler.text("time_zone", "UTC"));
    var tick = autoscaler.integer("tick_minutes", 10).require(m -> m > 0, "must be greater than 0");
    var reaction = readReaction(autoscaler, tick.value());
    var total = readBudget(autoscaler.section("budget"), defaults.budget());
    var groups = readGroups(autoscaler.section("groups"), defaults.withBudget(total));
    autoscaler.rejectUnknownKeys();
    return new AutoscalerPolicy(zone, Duration.ofMinutes(tick.value()), total, groups, reaction);
  }

  /**
   * {@code demand_poll_seconds} (0: off; else 10 or more, under a tick) and {@code boot_minutes}. The
   * default is a minute, or off when the tick itself comes every minute (a poll would add nothing).
   */
  private static Reaction readReaction(ConfigSection autoscaler, int tickMinutes) {
    var poll = autoscaler.integer("demand_poll_seconds", tickMinutes > 1 ? 60 : 0)
        .require(s -> s == 0 || (s >= 10 && s < tickMinutes * 60),
            "must be 0 (no polling between ticks) or from 10 to less than tick_minutes × 60 ("
                + tickMinutes * 60 + ")");
    var boot = autoscaler.integer("boot_minutes", 5)
        .require(m -> m >= 0 && m <= 60, "must be from 0 to 60");
    return new Reaction(Duration.ofSeconds(poll.value()), Duration.ofMinutes(boot.value()));
  }

  /** Caps in USD; each defaults to the matching one of {@code fallback}. */
  static Budget readBudget(ConfigSection budget, Budget fallback) {
    var hourly = positiveUsd(budget, "hourly_usd", fallback.hourlyUsd());
    var daily = positiveUsd(budget, "daily_usd", fallback.dailyUsd());
    var monthly = positiveUsd(budget, "monthly_usd", fallback.monthlyUsd());
    budget.rejectUnknownKeys();
    return new Budget(hourly, daily, monthly);
  }

  private static double positiveUsd(ConfigSection budget, String key, double fallback) {
    return budget.decimal(key, fallback).require(usd -> usd > 0, "must be greater than 0").value();
  }

  private static List<GroupPolicy> readGroups(ConfigSection groups, AutoscalerDefaults defaults) {
    var names = groups.keys();
    if (names.isEmpty()) {
      return List.of(GroupConfig.read(DEFAULT_GROUP, groups.section(DEFAULT_GROUP), defaults));
    }
    var read = new ArrayList<GroupPolicy>();
    for (var name : names) {
      if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
        throw new ConfigException(
            groups.location(name)
                + ": a group name must be lower-case letters, digits, '-' or '_', like"
                + " 'selfplay-4090'");
      }
      read.add(GroupConfig.read(name, groups.section(name), defaults));
    }
    groups.rejectUnknownKeys();
    return List.copyOf(read);
  }

  private static ZoneId zoneOf(Setting<String> zone) {
    try {
      return ZoneId.of(zone.value());
    } catch (DateTimeException notAZone) {
      throw zone.problem("must be a time zone like 'Europe/Berlin' or 'UTC'");
    }
  }
}
