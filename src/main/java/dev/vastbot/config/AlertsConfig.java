package dev.vastbot.config;

import dev.vastbot.fleet.alert.AlertSettings;
import java.time.Duration;

/** The {@code alerts} section of {@code vastbot.yaml}: how loud alerts are in Slack. */
final class AlertsConfig {
  private AlertsConfig() {}

  static AlertSettings read(ConfigSection alerts) {
    var threshold = alerts.integer("summary_threshold", AlertSettings.DEFAULTS.summaryThreshold())
        .require(n -> n >= 1 && n <= 1000, "must be between 1 and 1000");
    var repeat = alerts.integer("repeat_minutes", (int) AlertSettings.DEFAULTS.repeat().toMinutes())
        .require(m -> m >= 1 && m <= 7 * 24 * 60, "must be between 1 and 10080 (a week)");
    alerts.rejectUnknownKeys();
    return new AlertSettings(threshold.value(), Duration.ofMinutes(repeat.value()));
  }
}
