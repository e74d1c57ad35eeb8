package dev.vastbot.slack;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.port.AlertSink;
import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts to a Slack incoming webhook, for a team that configured only a webhook URL (no bot
 * token): a single alert or resolution is one message, a pass of a loop at most one message of
 * alerts and one of resolutions, without threads, fitted to Slack's limits with the host's text as
 * {@code plain_text} ({@link AlertMessages}). The URL is a secret: it is never logged.
 */
public final class WebhookAlertSink implements AlertSink {
  private static final Logger log = LoggerFactory.getLogger(WebhookAlertSink.class);
  private static final MediaType JSON = MediaType.get("application/json");
  /** How many of a pass's alerts one webhook message names. */
  static final int LISTED = 20;
  /** Block Kit as the Slack SDK writes it (snake case). */
  private static final com.google.gson.Gson BLOCKS_JSON = com.slack.api.util.json.GsonFactory.createSnakeCase();
  private final OkHttpClient http;
  private final String webhook;

  /**
   * @param http the process's HTTP client; posts go through one derived from it (a 10 s call
   *     timeout), which shares its connection pool and dispatcher
   */
  public WebhookAlertSink(OkHttpClient http, String webhook) {
    this.webhook = webhook;
    this.http = http.newBuilder().callTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public void alert(Alert alert) {
    post(AlertMessages.shown("[" + alert.severity() + "] ", alert.text()));
  }

  @Override
  public void resolved(String incident, String text) {
    post(AlertMessages.shown("Resolved: ", text));
  }

  /**
   * A pass's alerts as at most one message: a webhook has no threads, so incidents that begin are
   * listed in one post (the first {@value #LISTED} of them named), cleared ones in another, and
   * ones that go on are not repeated.
   */
  @Override
  public void publish(dev.vastbot.fleet.alert.AlertBatch batch) {
    var raised = batch.events().stream().filter(e -> e instanceof dev.vastbot.fleet.alert.AlertEvent.Raised)
        .map(e -> ((dev.vastbot.fleet.alert.AlertEvent.Raised) e).alert().text()).toList();
    var cleared = batch.events().stream().filter(e -> e instanceof dev.vastbot.fleet.alert.AlertEvent.Cleared)
        .map(e -> ((dev.vastbot.fleet.alert.AlertEvent.Cleared) e).text()).toList();
    if (raised.size() == 1) {
      post(AlertMessages.shown("[" + batch.source() + "] ", raised.get(0)));
    } else if (!raised.isEmpty()) {
      post(AlertMessages.shown(raised.size() + " alerts from the " + batch.source() + ":\n", list(raised)));
    }
    if (cleared.size() == 1) {
      post(AlertMessages.shown("Resolved: ", cleared.get(0)));
    } else if (!cleared.isEmpty()) {
      post(AlertMessages.shown("Resolved: " + cleared.size() + " from the " + batch.source() + ":\n", list(cleared)));
    }
  }

  /** The first {@value #LISTED} lines, each one line of at most 300 characters, and how many more. */
  private static String list(java.util.List<String> lines) {
    String shown = String.join("\n", lines.stream().limit(LISTED)
        .map(line -> "- " + dev.vastbot.fleet.text.SafeText.forTerminalCell(line, 300)).toList());
    return shown + (lines.size() > LISTED ? "\n… and " + (lines.size() - LISTED) + " more" : "");
  }

  private void post(SlackMessage message) {
    try {
      SlackMessage fitted = BlockKitLimits.fit(message);
      var payload = new com.google.gson.JsonObject();
      payload.addProperty("text", fitted.text());
      payload.add("blocks", BLOCKS_JSON.toJsonTree(fitted.blocks()));
      byte[] body = BLOCKS_JSON.toJson(payload).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      try (var response = http.newCall(new Request.Builder().url(webhook).post(RequestBody.create(body, JSON)).build())
          .execute()) {
        if (!response.isSuccessful()) {
          log.warn("the alert webhook answered HTTP " + response.code());
        }
      }
    } catch (IOException | RuntimeException failed) {
      log.warn("the alert webhook failed: " + failed.getClass().getSimpleName());
    }
  }
}
