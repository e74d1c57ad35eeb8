package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Alert;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With only an incoming-webhook URL (no bot token), alerts still go out: one message each, no threads. */
class WebhookAlertSinkTest {

  @Test
  void alertsAndResolutions_arePostedToTheWebhook_escaped() {
    try (SlackStandIn slack = SlackStandIn.start()) {
      var sink = new WebhookAlertSink(slack.responseUrl("hook"));
      sink.alert(new Alert(Alert.Severity.WARNING, "unhealthy:7", "vast-7 failed 3 checks <!channel>"));
      sink.resolved("unhealthy:7", "vast-7 is healthy again");
      var posted = slack.awaitResponses("hook", 2, Duration.ofSeconds(10));
      String first = posted.get(0).path("text").asText();
      assertTrue(first.contains("vast-7 failed 3 checks"), first);
      assertFalse(first.contains("<!channel>"), "no channel ping from host text");
      assertEquals("Resolved: vast-7 is healthy again", posted.get(1).path("text").asText());
    }
  }
}
