package dev.vastbot.slack;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.AlertSink;
import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Alerts to a Slack incoming webhook, for a team that configured only a webhook URL (no bot
 * token): every alert and resolution is one message, without threads, fitted to Slack's limits
 * with the host's text as {@code plain_text} ({@link AlertMessages}). The URL is a secret: it is
 * never logged.
 */
public final class WebhookAlertSink implements AlertSink {
  private static final System.Logger log = System.getLogger(WebhookAlertSink.class.getName());
  private static final MediaType JSON = MediaType.get("application/json");
  /** Block Kit as the Slack SDK writes it (snake case). */
  private static final com.google.gson.Gson BLOCKS_JSON = com.slack.api.util.json.GsonFactory.createSnakeCase();
  private final OkHttpClient http;
  private final String webhook;

  public WebhookAlertSink(String webhook) {
    this.webhook = webhook;
    this.http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public void alert(Alert alert) {
    post(AlertMessages.shown("[" + alert.severity() + "] ", alert.text()));
  }

  @Override
  public void resolved(String incident, String text) {
    post(AlertMessages.shown("Resolved: ", text));
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
          log.log(System.Logger.Level.WARNING, "the alert webhook answered HTTP " + response.code());
        }
      }
    } catch (IOException | RuntimeException failed) {
      log.log(System.Logger.Level.WARNING, "the alert webhook failed: " + failed.getClass().getSimpleName());
    }
  }
}
