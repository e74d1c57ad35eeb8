package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Alert;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.slack.SlackBot;
import dev.vastbot.slack.SlackDelivery;
import dev.vastbot.slack.SlackMessage;
import dev.vastbot.slack.SlackSettings;
import dev.vastbot.slack.SlackStandIn;
import dev.vastbot.slack.WebhookAlertSink;
import dev.vastbot.store.JdbcFleetStore;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.vast.ApiKey;
import dev.vastbot.vast.VastClient;
import dev.vastbot.vast.VastClientSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One HTTP client per process: the Vast client, the outbox's answers by response URL, the alert
 * webhook and Slack's Web API client each derive theirs from the base they are handed, so their calls go through the base's
 * connection pool (a connection one opened, another reuses) and are seen by what the base was
 * built with (here an event listener).
 */
class SharedHttpClientTest {
  private static final Duration BOUND = Duration.ofSeconds(10);
  private final MutableClock clock = MutableClock.atEpochDay();
  /** The connection each call ran on, by the call's path. */
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final OkHttpClient base = new OkHttpClient.Builder().eventListener(new EventListener() {
    @Override
    public void connectionAcquired(Call call, Connection connection) {
      connections.put(call.request().url().encodedPath(), connection);
    }
  }).build();

  @Test
  void vastSlackAnswersTheWebhookAndTheWebApi_shareTheBasesConnectionPool(@TempDir Path dir) throws Exception {
    var marketplace = new SimMarketplace(clock, SimSettings.defaults());
    try (var vast = SimVastServer.start(marketplace, 0);
        var slack = SlackStandIn.start();
        var store = JdbcFleetStore.open("jdbc:sqlite:" + dir.resolve("vastbot.db"));
        var delivery = SlackDelivery.on(store, null, base, clock)) {
      var settings = new SlackSettings(SlackStandIn.BOT_TOKEN, "signing-secret", slack.methodsUrlPrefix(), "C0001");
      SlackBot.slackClient(settings, base).methods(SlackStandIn.BOT_TOKEN).authTest(request -> request);
      // the SDK keeps its own settings (so the base's listener does not hear it), but not its own pool
      assertEquals(1, base.connectionPool().connectionCount(), "the Web API's connection is in the base's pool");
      VastClient.create(base, VastClientSettings.defaults(vast.apiUrl(), ApiKey.of(marketplace.apiKey()))
          .withTime(clock, clock.pause())).currentAccount();
      new WebhookAlertSink(base, slack.responseUrl("hook"))
          .alert(new Alert(Alert.Severity.WARNING, "unhealthy:7", "vast-7 failed 3 checks"));
      slack.awaitResponses("hook", 1, BOUND);
      delivery.outbox().respond(slack.responseUrl("answer"), "ephemeral", new SlackMessage("done", List.of()));
      delivery.sender().drain();
      slack.awaitResponses("answer", 1, BOUND);

      assertEquals(3, connections.size(), "the base saw every call: " + connections.keySet());
      Connection webhook = connections.get(path(slack.responseUrl("hook")));
      Connection answer = connections.get(path(slack.responseUrl("answer")));
      assertSame(webhook, answer, "the webhook sink and the outbox ran on one pooled connection to Slack");
      assertTrue(connections.keySet().stream().anyMatch(path -> path.contains("/api/v0/")),
          "the Vast client's call: " + connections.keySet());
    }
  }

  private static String path(String url) {
    return okhttp3.HttpUrl.get(url).encodedPath();
  }
}
