package dev.vastbot.app.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The {@code keepalive} section of {@code vastbot.yaml}.
 *
 * @param interval time between two keepalive passes
 */
public record KeepaliveConfig(Duration interval) {

  public KeepaliveConfig {
    requireNonNull(interval, "interval == null");
  }

  static KeepaliveConfig read(ConfigSection keepalive) {
    var interval =
        keepalive.integer("interval_minutes", 15).require(m -> m > 0, "must be greater than 0");
    keepalive.rejectUnknownKeys();
    return new KeepaliveConfig(Duration.ofMinutes(interval.value()));
  }
}
