package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

/**
 * {@code vast_alerts.instance_unhealthy}: tell a webhook when an instance keeps failing probes.
 *
 * <p>{@link #toString()} prints {@code <set>} or {@code <unset>} instead of the webhook, a secret.
 *
 * @param webhook the expanded URL to POST to, or {@code ""} when the alert is off
 * @param threshold failed probes in a row before the alert fires, at least 1
 */
public record InstanceUnhealthyAlert(String webhook, int threshold) {
  /** Used when {@code threshold} is not configured. */
  public static final int DEFAULT_THRESHOLD = 3;

  public InstanceUnhealthyAlert {
    requireNonNull(webhook, "webhook == null");
  }

  /** An alert with no webhook. */
  public static InstanceUnhealthyAlert off() {
    return new InstanceUnhealthyAlert("", DEFAULT_THRESHOLD);
  }

  /** Whether a webhook is configured. */
  public boolean enabled() {
    return !webhook.isEmpty();
  }

  @Override
  public String toString() {
    return "InstanceUnhealthyAlert[webhook="
        + (enabled() ? "<set>" : "<unset>")
        + ", threshold="
        + threshold
        + "]";
  }

  static InstanceUnhealthyAlert read(ConfigSection alert) {
    var webhook = NotificationHooks.readWebhook(alert);
    var threshold =
        alert.integer("threshold", DEFAULT_THRESHOLD).require(n -> n >= 1, "must be at least 1");
    alert.rejectUnknownKeys();
    return new InstanceUnhealthyAlert(webhook, threshold.value());
  }
}
