package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Alert;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One thread per incident, from the first failure to its resolution, with no second parent after a restart. */
class SlackAlertSinkTest {
  private static final String INCIDENT = "unhealthy:7";
  private final SlackStandIn slack = SlackStandIn.start();
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SlackSettings settings =
      new SlackSettings(SlackStandIn.BOT_TOKEN, null, slack.methodsUrlPrefix(), "C0000CHAN");

  private SlackAlertSink sink() {
    return new SlackAlertSink(SlackBot.slackClient(settings).methods(SlackStandIn.BOT_TOKEN), "C0000CHAN", store,
        clock);
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void anIncidentIsOneThread_fromFirstFailureToResolution_acrossARestart() {
    sink().alert(new Alert(Alert.Severity.WARNING, INCIDENT, "vast-7 failed 3 health checks in a row <!channel>"));
    var parent = slack.awaitCalls("chat.postMessage", 1).get(0);
    String ts = parent.answerJson().path("ts").asText();
    assertFalse(parent.param("text").contains("<!channel>"), "host text cannot ping the channel");

    SlackAlertSink afterRestart = sink();
    afterRestart.alert(new Alert(Alert.Severity.INFO, INCIDENT, "vast-7 still unhealthy"));
    var update = slack.awaitCalls("chat.postMessage", 2).get(1);
    assertEquals(ts, update.param("thread_ts"), "in the same thread, no second parent");

    afterRestart.resolved(INCIDENT, "vast-7 is healthy again");
    var note = slack.awaitCalls("chat.postMessage", 3).get(2);
    assertEquals(ts, note.param("thread_ts"));
    var edited = slack.awaitCalls("chat.update", 1).get(0);
    assertEquals(ts, edited.param("ts"));
    assertTrue(edited.param("text").contains("Resolved"), edited.param("text"));
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> c.param("thread_ts") == null).count());
  }
}
