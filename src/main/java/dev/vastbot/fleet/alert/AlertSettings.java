package dev.vastbot.fleet.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * How loud alerts are ({@code alerts} in vastbot.yaml).
 *
 * @param summaryThreshold more incidents than this beginning in one pass are told as one summary
 * @param repeat how often an incident that goes on is mentioned again in its thread
 */
public record AlertSettings(int summaryThreshold, Duration repeat) {
  public static final AlertSettings DEFAULTS = new AlertSettings(5, Duration.ofMinutes(60));

  public AlertSettings {
    if (summaryThreshold < 1) {
      throw new IllegalArgumentException("summaryThreshold must be at least 1");
    }
    Objects.requireNonNull(repeat, "repeat");
  }
}
