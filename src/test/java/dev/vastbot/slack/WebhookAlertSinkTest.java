package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Alert;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** With only an incoming-webhook URL (no bot token), alerts still go out: one message each, no threads. */
class WebhookAlertSinkTest {

  @Test
  void alertsAndResolutions_arePostedToTheWebhook_escaped() {
    try (SlackStandIn slack = SlackStandIn.start()) {
      var sink = new WebhookAlertSink(new OkHttpClient(), slack.responseUrl("hook"));
      sink.alert(new Alert(Alert.Severity.WARNING, "unhealthy:7", "vast-7 failed 3 checks <!channel>"));
      sink.resolved("unhealthy:7", "vast-7 is healthy again");
      var posted = slack.awaitResponses("hook", 2, Duration.ofSeconds(10));
      String first = posted.get(0).path("text").asText();
      assertTrue(first.contains("vast-7 failed 3 checks"), first);
      assertFalse(first.contains("<!channel>"), "no channel ping from host text");
      assertEquals("Resolved: vast-7 is healthy again", posted.get(1).path("text").asText());
    }
  }

  @Test
  void aPassWithSixHundredAlerts_isOneMessage_naming20() {
    try (SlackStandIn slack = SlackStandIn.start()) {
      var sink = new WebhookAlertSink(new OkHttpClient(), slack.responseUrl("hook"));
      var events = new java.util.ArrayList<dev.vastbot.fleet.alert.AlertEvent>();
      for (int id = 1; id <= 600; id++) {
        events.add(new dev.vastbot.fleet.alert.AlertEvent.Raised(new Alert(Alert.Severity.WARNING, "unhealthy:" + id,
            "vast-" + id + " failed 3 health checks in a row"), "vast-" + id, "unreachable"));
        events.add(new dev.vastbot.fleet.alert.AlertEvent.Continued(new Alert(Alert.Severity.INFO, "unhealthy:" + id,
            "vast-" + id + " still unreachable"), "vast-" + id));
      }
      sink.publish(new dev.vastbot.fleet.alert.AlertBatch("health sweep", java.time.Instant.EPOCH, events));
      sink.alert(new Alert(Alert.Severity.INFO, "marker", "after"));
      var posted = slack.awaitResponses("hook", 2, Duration.ofSeconds(10));
      assertEquals(2, posted.size(), "one message for the pass, then the next alert");
      String text = posted.get(0).path("blocks").get(0).path("text").path("text").asText();
      assertTrue(text.startsWith("600 alerts from the health sweep:\n- vast-1 failed"), text);
      assertTrue(text.endsWith("… and 580 more"), text);
      assertTrue(posted.get(0).path("text").asText().startsWith("600 alerts from the health sweep:"));
    }
  }
}
