package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

/**
 * {@code vast_alerts.cost_warning}: tell a webhook when the day's spend passes a threshold.
 *
 * <p>{@link #toString()} prints {@code <set>} or {@code <unset>} instead of the webhook, a secret.
 *
 * @param webhook the expanded URL to POST to, or {@code ""} when the alert is off
 * @param dailyThreshold spend in USD per day above which the alert fires, greater than 0
 */
public record CostWarningAlert(String webhook, double dailyThreshold) {
  /** Used when {@code daily_threshold} is not configured: 80 % of the default daily budget. */
  public static final double DEFAULT_DAILY_THRESHOLD = 40.0;

  public CostWarningAlert {
    requireNonNull(webhook, "webhook == null");
  }

  /** An alert with no webhook. */
  public static CostWarningAlert off() {
    return new CostWarningAlert("", DEFAULT_DAILY_THRESHOLD);
  }

  /** Whether a webhook is configured. */
  public boolean enabled() {
    return !webhook.isEmpty();
  }

  @Override
  public String toString() {
    return "CostWarningAlert[webhook="
        + (enabled() ? "<set>" : "<unset>")
        + ", dailyThreshold="
        + dailyThreshold
        + "]";
  }

  static CostWarningAlert read(ConfigSection alert) {
    var webhook = NotificationHooks.readWebhook(alert);
    var threshold =
        alert
            .decimal("daily_threshold", DEFAULT_DAILY_THRESHOLD)
            .require(usd -> usd > 0, "must be greater than 0");
    alert.rejectUnknownKeys();
    return new CostWarningAlert(webhook, threshold.value());
  }
}
