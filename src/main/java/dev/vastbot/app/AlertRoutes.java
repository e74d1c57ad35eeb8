package dev.vastbot.app;

import static java.util.Objects.requireNonNull;

import dev.vastbot.config.NotificationHooks;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.alert.AlertBatch;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.service.cost.CostWarning;
import dev.vastbot.slack.WebhookAlertSink;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * Where {@code serve}'s alerts go. Every alert is logged. Then:
 *
 * <ul>
 *   <li>a cost warning goes to {@code vast_alerts.cost_warning.webhook} when it is set (and to the
 *       Slack thread as well, with a bot token); without that webhook it goes where other alerts go;
 *   <li>every other alert goes to a Slack thread with a bot token, else to {@code
 *       vast_alerts.instance_unhealthy.webhook} when that is set.
 * </ul>
 *
 * <p>Without a bot token the cost warning replaces the unhealthy webhook rather than joining it,
 * so a team that points both at the same URL (the shipped file does) gets it once. Webhook URLs
 * are secrets: they stay inside {@link WebhookAlertSink}, and this class never prints them.
 */
public final class AlertRoutes implements AlertSink {
  private final AlertSink logged;
  private final AlertSink others;
  private final AlertSink costWarnings;

  private AlertRoutes(AlertSink logged, AlertSink others, AlertSink costWarnings) {
    this.logged = logged;
    this.others = others;
    this.costWarnings = costWarnings;
  }

  /**
   * @param slackThreads the Slack sink when there is a bot token, else null
   * @param webhook makes the sink that posts to one webhook URL
   */
  public static AlertSink of(AlertSink logged, AlertSink slackThreads, NotificationHooks hooks,
      Function<String, AlertSink> webhook) {
    requireNonNull(logged, "logged == null");
    requireNonNull(hooks, "hooks == null");
    AlertSink others = slackThreads != null ? slackThreads
        : hooks.instanceUnhealthy().enabled() ? webhook.apply(hooks.instanceUnhealthy().webhook()) : NONE;
    AlertSink costWarnings = others;
    if (hooks.costWarning().enabled()) {
      AlertSink hook = webhook.apply(hooks.costWarning().webhook());
      costWarnings = slackThreads != null ? both(slackThreads, hook) : hook;
    }
    return new AlertRoutes(logged, others, costWarnings);
  }

  /** {@link #of} with {@link WebhookAlertSink}s posting through {@code http}. */
  public static AlertSink of(AlertSink logged, AlertSink slackThreads, NotificationHooks hooks, OkHttpClient http) {
    return of(logged, slackThreads, hooks, webhook -> new WebhookAlertSink(http, webhook));
  }

  @Override
  public void alert(Alert alert) {
    logged.alert(alert);
    routeOf(alert.incident()).alert(alert);
  }

  @Override
  public void resolved(String incident, String text) {
    logged.resolved(incident, text);
    routeOf(incident).resolved(incident, text);
  }

  /** The batch to the log whole, and to each route the events that go there (a batch each). */
  @Override
  public void publish(AlertBatch batch) {
    logged.publish(batch);
    var toOthers = new java.util.ArrayList<dev.vastbot.fleet.alert.AlertEvent>();
    var toCostWarnings = new java.util.ArrayList<dev.vastbot.fleet.alert.AlertEvent>();
    batch.events().forEach(event -> (routeOf(event.incident()) == costWarnings && costWarnings != others
        ? toCostWarnings : toOthers).add(event));
    if (!toOthers.isEmpty()) {
      others.publish(new AlertBatch(batch.source(), batch.at(), toOthers));
    }
    if (!toCostWarnings.isEmpty()) {
      costWarnings.publish(new AlertBatch(batch.source(), batch.at(), toCostWarnings));
    }
  }

  private AlertSink routeOf(String incident) {
    return CostWarning.isCostWarning(incident) ? costWarnings : others;
  }

  private static final AlertSink NONE = new AlertSink() {
    @Override
    public void alert(Alert alert) {}

    @Override
    public void resolved(String incident, String text) {}
  };

  private static AlertSink both(AlertSink first, AlertSink second) {
    return new AlertSink() {
      @Override
      public void alert(Alert alert) {
        first.alert(alert);
        second.alert(alert);
      }

      @Override
      public void resolved(String incident, String text) {
        first.resolved(incident, text);
        second.resolved(incident, text);
      }

      @Override
      public void publish(AlertBatch batch) {
        first.publish(batch);
        second.publish(batch);
      }
    };
  }
}
