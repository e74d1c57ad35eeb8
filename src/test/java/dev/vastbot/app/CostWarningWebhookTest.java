package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.config.NotificationHooks;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.slack.SlackStandIn;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The cost warning as {@code serve} sends it: the threshold from notification_hooks.yaml, one post a
 * day to the cost_warning webhook (a stand-in on 127.0.0.1), and the webhook URL in no log line.
 */
class CostWarningWebhookTest {
  private static final String HOOK_ID = "T0TEAM/B0HOOK/s3cr3tWebhookToken";

  @TempDir Path config;
  private final MutableClock clock = MutableClock.at("2026-12-10T12:00:00Z");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  // 2 × $0.40/h: today's forecast at noon is $9.60, over a threshold of 5 but under the default 40
  private final FakeGpuProvider provider =
      new FakeGpuProvider().withRunningInstance(1, "RTX_4090").withRunningInstance(2, "RTX_4090");
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private SlackStandIn webhooks;

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
    webhooks = SlackStandIn.start();
  }

  @AfterEach
  void stop() {
    root.detachAppender(logs);
    webhooks.close();
  }

  private NotificationHooks hooks(String costHook, double threshold) throws Exception {
    Files.writeString(config.resolve("notification_hooks.yaml"), """
        vast_alerts:
          instance_unhealthy:
            webhook: ""
          cost_warning:
            webhook: ${COST_HOOK}
            daily_threshold: %s
        """.formatted(threshold));
    return ConfigLoader.loadNotificationHooks(config, Map.of("COST_HOOK", costHook));
  }

  private Vastbot bot(NotificationHooks hooks) {
    Vastbot.Parts p = BotParts.of(provider, store, clock);
    AlertSink alerts = AlertRoutes.of(new LoggedAlerts(), null, hooks, new OkHttpClient());
    return new Vastbot(new Vastbot.Parts(new Vastbot.Settings(p.config(), p.policy(),
        hooks.instanceUnhealthy().threshold(), hooks.costWarning()), new Vastbot.Adapters(p.provider(), p.store(),
        p.pins(), p.adapters().ssh(), alerts, p.peers(), p.http()), p.clock(), p.pause(), p.extraCommands()));
  }

  private void healthTickAccrues(Vastbot bot) {
    bot.spend().record(provider.listInstances(), clock.instant());
  }

  @Test
  void theThresholdFromTheFile_postsTheWarningOncePerDay_toItsWebhook() throws Exception {
    String url = webhooks.responseUrl(HOOK_ID);
    NotificationHooks hooks = hooks(url, 5.0);
    assertEquals(5.0, hooks.costWarning().dailyThreshold());
    try (Vastbot bot = bot(hooks)) {
      healthTickAccrues(bot);
      clock.advance(Duration.ofMinutes(10));
      healthTickAccrues(bot);
      clock.advance(Duration.ofHours(3));
      healthTickAccrues(bot);

      List<String> posted = texts();
      assertEquals(1, posted.size(), posted.toString());
      assertTrue(posted.get(0).startsWith("[WARNING] Cost warning: spend today is forecast at $9.60, over the $5.00 "
          + "threshold"), posted.get(0));

      clock.advance(Duration.ofDays(1));
      healthTickAccrues(bot);
      assertEquals(2, texts().size(), "the next day may warn again");
    }
    assertUrlInNoLog(url);
    assertTrue(loggedText().contains("Cost warning"), "the warning itself is logged");
  }

  @Test
  void theDefaultThreshold_doesNotWarnAtTheSameSpend() throws Exception {
    try (Vastbot bot = bot(hooks(webhooks.responseUrl(HOOK_ID), 40.0))) {
      healthTickAccrues(bot);
    }
    assertTrue(webhooks.responses(HOOK_ID).isEmpty());
  }

  @Test
  void otherAlerts_stayOffTheCostWebhook() throws Exception {
    AlertSink alerts = AlertRoutes.of(new LoggedAlerts(), null, hooks(webhooks.responseUrl(HOOK_ID), 5.0),
        new OkHttpClient());
    alerts.alert(new Alert(Alert.Severity.WARNING, "unhealthy:7", "vast-7 failed 3 checks"));
    assertTrue(webhooks.responses(HOOK_ID).isEmpty());
  }

  @Test
  void aWebhookThatCannotBeReached_isLoggedWithoutItsUrl() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/services/" + HOOK_ID;
    try (Vastbot bot = bot(hooks(url, 5.0))) {
      healthTickAccrues(bot);
    }
    assertTrue(loggedText().contains("the alert webhook failed"), loggedText());
    assertUrlInNoLog(url);
  }

  private List<String> texts() {
    return webhooks.responses(HOOK_ID).stream().map(json -> json.path("text").asText()).toList();
  }

  private String loggedText() {
    return logs.list.stream().map(event -> event.getFormattedMessage() + " " + event.getMessage()
            + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
        .collect(Collectors.joining("\n"));
  }

  private void assertUrlInNoLog(String url) {
    String logged = loggedText();
    assertFalse(logs.list.isEmpty(), "logs were captured");
    assertFalse(logged.contains(url), logged);
    assertFalse(logged.contains("s3cr3tWebhookToken"), logged);
  }
}
