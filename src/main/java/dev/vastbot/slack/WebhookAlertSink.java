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
 * token): a single alert or resolution is one message, a pass of a loop at most one message of
 * alerts and one of resolutions, without threads. The URL is a secret: it is never logged.
 */
public final class WebhookAlertSink implements AlertSink {
  private static final System.Logger log = System.getLogger(WebhookAlertSink.class.getName());
  private static final MediaType JSON = MediaType.get("application/json");
  /** How many of a pass's alerts one webhook message names. */
  static final int LISTED = 20;
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
      post("[" + batch.source() + "] " + raised.get(0));
    } else if (!raised.isEmpty()) {
      post(list(raised.size() + " alerts from the " + batch.source(), raised));
    }
    if (cleared.size() == 1) {
      post("Resolved: " + cleared.get(0));
    } else if (!cleared.isEmpty()) {
      post(list("Resolved: " + cleared.size() + " from the " + batch.source(), cleared));
    }
  }

  private static String list(String heading, java.util.List<String> lines) {
    String shown = String.join("\n", lines.stream().limit(LISTED)
        .map(line -> "- " + SafeText.forTerminalCell(line, 300)).toList());
    return heading + ":\n" + shown + (lines.size() > LISTED ? "\n… and " + (lines.size() - LISTED) + " more" : "");
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
