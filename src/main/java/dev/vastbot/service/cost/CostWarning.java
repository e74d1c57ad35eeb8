package dev.vastbot.service.cost;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.cost.SpendLedger;
import dev.vastbot.fleet.cost.SpendSummary;
import java.util.Locale;
import java.util.Optional;
/**
 * The cost-warning rule ({@code notification_hooks.yaml}'s {@code cost_warning.daily_threshold}),
 * pure: warn when today's <em>forecast</em> to the end of the day passes the threshold, which is
 * also the case once today's spend itself passes it (the forecast is never below the spend), so
 * the team hears of it while there is still time to act. At most once per day: the caller claims
 * the day in the store ({@code SpendStore.claimCostWarning}) and alerts only when the claim is
 * new, so neither a restart nor a second replica repeats it; the next day may warn again.
 */
public final class CostWarning {
  /** Every cost warning's incident starts so, followed by its day. */
  public static final String INCIDENT_PREFIX = "cost-warning:";

  private final double dailyThreshold;

  public CostWarning(double dailyThreshold) {
    if (!(dailyThreshold > 0)) {
      throw new IllegalArgumentException("dailyThreshold <= 0: " + dailyThreshold);
    }
    this.dailyThreshold = dailyThreshold;
  }

  public double dailyThreshold() {
    return dailyThreshold;
  }

  /** Whether the summary passes the threshold. */
  public boolean passed(SpendSummary summary) {
    return summary.forecastToday() > dailyThreshold;
  }

  /** The alert for a summary that passes the threshold; empty when it does not. */
  public Optional<Alert> alert(SpendSummary summary) {
    if (!passed(summary)) {
      return Optional.empty();
    }
    return Optional.of(new Alert(Alert.Severity.WARNING, incident(summary),
        String.format(Locale.ROOT, "Cost warning: spend today is forecast at $%.2f, over the $%.2f threshold"
            + " (spent $%.2f so far on %s, %s; spending $%.3f/h now).", summary.forecastToday(), dailyThreshold,
            summary.spentToday(), summary.today(), SpendLedger.zoneName(summary.zone()), summary.ratePerHour())));
  }

  /** Whether an alert's incident is a cost warning's. */
  public static boolean isCostWarning(String incident) {
    return incident != null && incident.startsWith(INCIDENT_PREFIX);
  }

  /** One incident (and so one alert thread) per day. */
  static String incident(SpendSummary summary) {
    return INCIDENT_PREFIX + summary.today();
  }
}
