package dev.vastbot.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.AlertSink;
import dev.vastbot.fleet.text.SafeText;
import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Alerts to a Slack incoming webhook, for a team that configured only a webhook URL (no bot
 * token): every alert and resolution is one message, without threads. The URL is a secret: it is
 * never logged.
 */
public final class WebhookAlertSink implements AlertSink {
  private static final System.Logger log = System.getLogger(WebhookAlertSink.class.getName());
  private static final MediaType JSON = MediaType.get("application/json");
  private final OkHttpClient http;
  private final String webhook;
  private final ObjectMapper json = new ObjectMapper();

  public WebhookAlertSink(String webhook) {
    this.webhook = webhook;
    this.http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public void alert(Alert alert) {
    post("[" + alert.severity() + "] " + alert.text());
  }

  @Override
  public void resolved(String incident, String text) {
    post("Resolved: " + text);
  }

  private void post(String text) {
    try {
      byte[] body = json.writeValueAsBytes(java.util.Map.of("text", SafeText.forSlack(text)));
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
