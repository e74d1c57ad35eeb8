package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The {@code keepalive} section of {@code vastbot.yaml}.
 *
 * @param interval time between two keepalive passes
 * @param restartTimeout how long a restarted instance may take to run again before it is marked
 *     for replacement
 */
public record KeepaliveConfig(Duration interval, Duration restartTimeout) {

  public KeepaliveConfig {
    requireNonNull(interval, "interval == null");
    requireNonNull(restartTimeout, "restartTimeout == null");
  }

  static KeepaliveConfig read(ConfigSection keepalive) {
    var interval =
        keepalive.integer("interval_minutes", 15).require(m -> m > 0, "must be greater than 0");
    var restart = keepalive.integer("restart_timeout_minutes", 10).require(m -> m > 0, "must be greater than 0");
    keepalive.rejectUnknownKeys();
    return new KeepaliveConfig(Duration.ofMinutes(interval.value()), Duration.ofMinutes(restart.value()));
  }
}
