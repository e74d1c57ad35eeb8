package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.alert.AlertPlanner;
import dev.vastbot.fleet.alert.AlertSettings;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One thread per incident, from the first failure to its resolution, with no second parent after a restart. */
class SlackAlertSinkTest {
  private static final String INCIDENT = "unhealthy:7";
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SlackStandIn slack = SlackStandIn.start(clock);
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final DrainedOutbox delivery = new DrainedOutbox(store, slack, clock);

  private SlackAlertSink sink() {
    return new SlackAlertSink(delivery.outbox(), "C0000CHAN", store, new AlertPlanner(AlertSettings.DEFAULTS), clock);
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void anIncidentIsOneThread_fromFirstFailureToResolution_acrossARestart() {
    sink().alert(new Alert(Alert.Severity.WARNING, INCIDENT, "vast-7 failed 3 health checks in a row <!channel>"));
    delivery.drainAll();
    var parent = slack.calls("chat.postMessage").get(0);
    String ts = parent.answerJson().path("ts").asText();
    assertFalse(parent.param("text").contains("<!channel>"), "host text cannot ping the channel");

    SlackAlertSink afterRestart = sink();
    afterRestart.alert(new Alert(Alert.Severity.INFO, INCIDENT, "vast-7 still unhealthy"));
    delivery.drainAll();
    assertEquals(1, slack.calls("chat.postMessage").size(), "a repeat within the hour is not posted");
    clock.advance(Duration.ofMinutes(61));
    afterRestart.alert(new Alert(Alert.Severity.INFO, INCIDENT, "vast-7 still unhealthy"));
    delivery.drainAll();
    var update = slack.calls("chat.postMessage").get(1);
    assertEquals(ts, update.param("thread_ts"), "in the same thread, no second parent");

    afterRestart.resolved(INCIDENT, "vast-7 is healthy again");
    delivery.drainAll();
    var note = slack.calls("chat.postMessage").get(2);
    assertEquals(ts, note.param("thread_ts"));
    var edited = slack.calls("chat.update").get(0);
    assertEquals(ts, edited.param("ts"));
    assertTrue(edited.param("text").contains("Resolved"), edited.param("text"));
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> c.param("thread_ts") == null).count());
  }
}
