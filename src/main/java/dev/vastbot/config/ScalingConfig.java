package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The {@code scaling} section of {@code vastbot.yaml}: how big the fleet may be.
 *
 * @param minInstances fleet size the autoscaler keeps at least ({@code VAST_AUTOSCALE_MIN})
 * @param maxInstances fleet size never exceeded ({@code VAST_AUTOSCALE_MAX}), at least {@code
 *     minInstances}
 * @param cooldown least time between two scaling actions
 */
public record ScalingConfig(int minInstances, int maxInstances, Duration cooldown) {

  public ScalingConfig {
    requireNonNull(cooldown, "cooldown == null");
  }

  static ScalingConfig read(ConfigSection scaling) {
    var min =
        scaling
            .integer("min_instances", 2, "VAST_AUTOSCALE_MIN")
            .require(n -> n >= 0, "must be at least 0");
    var max = scaling.integer("max_instances", 10, "VAST_AUTOSCALE_MAX");
    if (max.isDefault()) {
      min.require(n -> n <= max.value(), "must be at most " + max.reference());
    }
    max.require(n -> n >= min.value(), "must be at least " + min.reference());
    var cooldown =
        scaling.integer("cooldown_minutes", 15).require(m -> m >= 0, "must be at least 0");
    scaling.rejectUnknownKeys();
    return new ScalingConfig(min.value(), max.value(), Duration.ofMinutes(cooldown.value()));
  }
}
