package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.command.CommandAttachments;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.CapturedLogs;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command's answer goes only to Slack's own response URLs. Over HTTP mode, signed commands and
 * clicks whose response_url points at a loopback listener standing in for a stranger's server
 * ("evil"): with loopback response URLs not allowed nothing is posted there (the command is still
 * acknowledged, and the log says so without the URL); with them allowed, the stand-in's URL gets
 * the answer. Which URLs count as Slack's: {@link ResponseUrlPolicyTest}.
 */
class ResponseUrlHttpTest {
  private static final String SECRET = "response-url-test-secret";
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final Duration BOUND = Duration.ofSeconds(10);
  private final SlackStandIn slack = SlackStandIn.start();
  private final SlackStandIn evil = SlackStandIn.start();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(7, "RTX 4090")
      .withOffer(1, "RTX 4090", 0.35, 0.99);
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final Vastbot bot = BotParts.slackBot(BotParts.of(vast, store, MutableClock.atEpochDay()),
      SlackPayloads.CHANNEL_ID, List.of(), List.of(SlackPayloads.USER_ID));
  private final LiveOutbox live = LiveOutbox.on(store, slack);
  private final ExecutorService work = Executors.newFixedThreadPool(2);
  private final SignedRequests signed = new SignedRequests(SECRET, Clock.systemUTC());
  private final OkHttpClient http = new OkHttpClient.Builder().proxy(java.net.Proxy.NO_PROXY).build();
  private final AtomicInteger triggers = new AtomicInteger();
  private HttpFront front;

  private void serve(boolean allowLoopback) throws IOException {
    var settings = new SlackSettings(SlackStandIn.BOT_TOKEN, SECRET, slack.methodsUrlPrefix(), SlackPayloads.CHANNEL_ID);
    var slackBot = new SlackBot(allowLoopback ? settings.allowingLoopbackResponseUrl() : settings, bot.router(),
        SlackBot.defaultBlocks(), work, Clock.systemUTC(), live.outbox(), CommandAttachments.NONE, () -> true);
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(slackBot.app()),
        bot.metrics()::scrape, () -> true, 2);
  }

  @AfterEach
  void stop() {
    if (front != null) {
      front.close();
    }
    work.shutdownNow();
    live.close();
    bot.close();
    evil.close();
    slack.close();
  }

  /** {@code /vast offers}: slow work, acknowledged at once and answered by response_url. */
  private SignedRequests.SignedRequest slowCommand(String responseUrl) {
    Map<String, String> fields = SlackPayloads.slashCommandFields("offers --gpu-type RTX_4090", responseUrl);
    fields.put("trigger_id", "trigger-" + triggers.incrementAndGet());
    return signed.slashCommand(fields);
  }

  private String post(SignedRequests.SignedRequest request) throws IOException {
    var builder = new Request.Builder().url("http://127.0.0.1:" + front.port() + "/slack/events")
        .post(RequestBody.create(request.body(), FORM));
    request.headers().forEach(builder::header);
    try (Response response = http.newCall(builder.build()).execute()) {
      assertEquals(200, response.code());
      return response.body().string();
    }
  }

  @Test
  void aCommandsAnswer_isNotPostedToAResponseUrlThatIsNotSlacks() throws Exception {
    serve(false);
    String loot = evil.responseUrl("loot");
    String ack;
    String ignored;
    try (var logs = CapturedLogs.everything("org.eclipse.jetty")) {
      ack = post(slowCommand(loot));
      ignored = logs.await("ignored a response_url", BOUND);
      assertFalse(logs.text().contains(loot) || logs.text().contains(":" + evil.port()),
          "the log never names the URL: " + ignored);
    }

    assertTrue(ack.contains("Working on"), "still acknowledged: " + ack);
    assertTrue(ignored.contains("an answer not sent"), ignored);
    assertEquals(0, store.pendingMessages(), "nothing queued for the stranger");
    assertTrue(evil.responses("loot").isEmpty(), "posted to the stranger: " + evil.responses("loot"));
    assertTrue(evil.calls().isEmpty(), evil.calls().toString());
  }

  @Test
  void whyAClickDidNotCount_isNotPostedToAResponseUrlThatIsNotSlacks() throws Exception {
    serve(false);
    String click = SlackPayloads.blockAction(SlackApprovalPrompts.APPROVE, "999", "1700000000.000100",
        evil.responseUrl("click"));
    try (var logs = CapturedLogs.everything("org.eclipse.jetty")) {
      post(signed.blockAction(click));
      logs.await("an answer not sent", BOUND);
    }
    assertEquals(0, store.pendingMessages(), "nothing queued for the stranger");

    assertTrue(evil.responses("click").isEmpty(), "posted to the stranger: " + evil.responses("click"));
  }

  @Test
  void withLoopbackAllowed_theStandInsResponseUrlGetsTheAnswer() throws Exception {
    serve(true);

    post(slowCommand(slack.responseUrl("r1")));
    post(signed.blockAction(SlackPayloads.blockAction(SlackApprovalPrompts.APPROVE, "999", "1700000000.000100",
        slack.responseUrl("r2"))));

    assertTrue(slack.awaitResponses("r1", 1, BOUND).get(0).toString().contains("0.35"));
    assertTrue(slack.awaitResponses("r2", 1, BOUND).get(0).toString().contains("999"),
        "the clicker is told why it did not count");
  }
}
