package dev.vastbot.config;

import dev.vastbot.fleet.RentalType;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.Hysteresis;
import dev.vastbot.fleet.autoscale.OfferPreference;
import dev.vastbot.fleet.autoscale.OfferPreference.OutbidAction;
import dev.vastbot.fleet.autoscale.Pacing;
import dev.vastbot.fleet.autoscale.Throughput;
import dev.vastbot.fleet.autoscale.WarmPool;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads one group under {@code autoscaler.groups} into a {@link GroupPolicy}. */
final class GroupConfig {
  /** The old script's preferred GPUs, most preferred first (RINGRIFT_SCRIPTS §2.3). */
  static final List<String> DEFAULT_GPU_TYPES =
      List.of("RTX 3070", "RTX 3060", "RTX 2080 Ti", "RTX 4060 Ti", "RTX 3060 Ti");

  private GroupConfig() {}

  static GroupPolicy read(String name, ConfigSection group, AutoscalerDefaults defaults) {
    var scaling = defaults.scaling();
    var min =
        group
            .integer("min_instances", scaling.minInstances())
            .require(n -> n >= 0, "must be at least 0");
    var max =
        group
            .integer("max_instances", scaling.maxInstances())
            .require(n -> n >= min.value(), "must be at least " + min.reference());
    var demand = DemandSignalConfig.read(group.section("demand"));
    var throughput = readThroughput(group);
    var hysteresis = readHysteresis(group);
    var pacing = readPacing(group, defaults);
    var offers = readOffers(group, defaults.provision());
    var budget = AutoscalerConfig.readBudget(group.section("budget"), defaults.budget());
    var windows = TimeWindowConfig.readAll(group.section("windows"), min);
    var unattended = group.bool("unattended_scale_down", false);
    var warmPool = readWarmPool(group.section("warm_pool"));
    group.rejectUnknownKeys();
    return new GroupPolicy(
        name,
        min.value(),
        max.value(),
        demand,
        throughput,
        hysteresis,
        pacing,
        offers,
        budget,
        windows,
        unattended.value(),
        warmPool);
  }

  /** {@code warm_pool: {size, max_disk_gb, max_stopped_hours}}; absent or size 0 is no pool. */
  private static WarmPool readWarmPool(ConfigSection pool) {
    var size = pool.integer("size", 0).require(n -> n >= 0, "must be at least 0");
    var disk = pool.decimal("max_disk_gb", 100).require(gb -> gb > 0, "must be greater than 0");
    var hours =
        pool.decimal("max_stopped_hours", 24).require(h -> h > 0, "must be greater than 0");
    pool.rejectUnknownKeys();
    return size.value() == 0
        ? WarmPool.NONE
        : new WarmPool(size.value(), disk.value(), Duration.ofSeconds(Math.round(hours.value() * 3600)));
  }

  private static Throughput readThroughput(ConfigSection group) {
    var table = group.section("games_per_hour");
    var byGpu = new LinkedHashMap<String, Double>();
    for (var gpu : table.keys()) {
      byGpu.put(gpu, table.decimal(gpu, 0).require(g -> g > 0, "must be greater than 0").value());
    }
    var fallback =
        group.decimal("default_games_per_hour", 100).require(g -> g > 0, "must be greater than 0");
    return new Throughput(Map.copyOf(byGpu), fallback.value());
  }

  private static Hysteresis readHysteresis(ConfigSection group) {
    var down =
        group.decimal("scale_down_backlog_hours", 0.25).require(h -> h >= 0, "must be at least 0");
    var up =
        group
            .decimal("scale_up_backlog_hours", 1.0)
            .require(h -> h > down.value(), "must be greater than " + down.reference());
    return new Hysteresis(up.value(), down.value());
  }

  private static Pacing readPacing(ConfigSection group, AutoscalerDefaults defaults) {
    var upCooldown =
        minutes(
            group, "scale_up_cooldown_minutes", (int) defaults.scaling().cooldown().toMinutes());
    var downCooldown = minutes(group, "scale_down_cooldown_minutes", 10);
    var creates =
        group.integer("max_creates_per_tick", 2).require(n -> n >= 0, "must be at least 0");
    var terminations =
        group.integer("max_terminations_per_tick", 1).require(n -> n >= 0, "must be at least 0");
    var idle = group.integer("idle_minutes", 30).require(m -> m > 0, "must be greater than 0");
    var unhealthy =
        group
            .integer("unhealthy_checks_before_replace", defaults.health().failuresBeforeAction())
            .require(n -> n >= 1, "must be at least 1");
    var replacementHealth =
        group
            .integer("replacement_health_minutes",
                (int) Pacing.DEFAULT_REPLACEMENT_HEALTH_WINDOW.toMinutes())
            .require(m -> m > 0, "must be greater than 0");
    var concurrentReplacements =
        group
            .integer("max_concurrent_replacements", Pacing.DEFAULT_MAX_CONCURRENT_REPLACEMENTS)
            .require(n -> n >= 0, "must be at least 0 (0: no replacements)");
    return new Pacing(
        upCooldown,
        downCooldown,
        creates.value(),
        terminations.value(),
        Duration.ofMinutes(idle.value()),
        unhealthy.value(),
        Duration.ofMinutes(replacementHealth.value()),
        concurrentReplacements.value());
  }

  private static Duration minutes(ConfigSection group, String key, int fallback) {
    return Duration.ofMinutes(
        group.integer(key, fallback).require(m -> m >= 0, "must be at least 0").value());
  }

  private static OfferPreference readOffers(ConfigSection group, ProvisionConfig provision) {
    var gpuTypes =
        group.textList("gpu_types", DEFAULT_GPU_TYPES).stream().map(Setting::value).toList();
    var maxPrice =
        group
            .decimal("max_price", provision.maxPrice())
            .require(p -> p > 0, "must be greater than 0");
    var reliability =
        group
            .decimal("min_reliability", provision.minReliability())
            .require(r -> r >= 0 && r <= 1, "must be between 0 and 1");
    var rental =
        oneOf(
            group.text("rental", "on_demand"),
            Map.of("on_demand", RentalType.ON_DEMAND, "interruptible", RentalType.BID));
    var ceiling =
        group
            .decimal("bid_ceiling", maxPrice.value())
            .require(p -> p > 0, "must be greater than 0");
    var outbid =
        oneOf(
            group.text("on_outbid", "replace"),
            Map.of("replace", OutbidAction.REPLACE, "rebid", OutbidAction.REBID));
    var disk =
        group
            .decimal("disk_gb", provision.diskGb())
            .require(gb -> gb > 0, "must be greater than 0");
    return new OfferPreference(
        gpuTypes,
        maxPrice.value(),
        reliability.value(),
        rental,
        ceiling.value(),
        outbid,
        disk.value());
  }

  /** The value {@code setting}'s text names; refused with the allowed names otherwise. */
  static <T> T oneOf(Setting<String> setting, Map<String, T> allowed) {
    var value = allowed.get(setting.value().strip().toLowerCase(Locale.ROOT));
    if (value == null) {
      throw setting.problem(
          "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed.keySet())));
    }
    return value;
  }
}
