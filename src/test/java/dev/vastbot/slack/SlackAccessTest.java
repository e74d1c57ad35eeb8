package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.vastbot.app.Vastbot;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.Eventually;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may act, and where, as Slack sees it: signed HTTP requests and the Socket Mode stand-in
 * against a bot whose operators are one user and one Slack user group (read from the Web API
 * stand-in), whose approver is another user, and which takes commands in one channel. A stranger,
 * a non-operator, a command in another channel and one in a DM are refused, ephemeral, and change
 * nothing; the group's member is allowed; {@code /vast whoami} says why.
 */
class SlackAccessTest {
  private static final String SECRET = "access-secret";
  private static final String OPERATOR = "U0OPERATOR";
  private static final String GROUP = "S0OPS";
  private static final String GROUPED = "U0GROUPED";
  private static final String APPROVER = "U0BOSS";
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final Duration BOUND = Duration.ofSeconds(10);
  private final ObjectMapper json = new ObjectMapper();
  private final SlackStandIn slack = SlackStandIn.start();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(7, "RTX 4090");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final ExecutorService work = Executors.newFixedThreadPool(2);
  private final SignedRequests signed = new SignedRequests(SECRET, Clock.systemUTC());
  private final OkHttpClient http = new OkHttpClient();
  private final AtomicInteger triggers = new AtomicInteger();
  private final LiveOutbox live = LiveOutbox.on(store, slack);
  private SlackUserGroups groups;
  private Vastbot bot;
  private SlackBot slackBot;
  private HttpFront front;

  @BeforeEach
  void start() throws IOException {
    slack.setUserGroup(GROUP, GROUPED);
    var settings = new SlackSettings(SlackStandIn.BOT_TOKEN, SECRET, slack.methodsUrlPrefix(), SlackPayloads.CHANNEL_ID)
        .allowingLoopbackResponseUrl(); // the stand-in's response URLs are on 127.0.0.1
    groups = new SlackUserGroups(SlackBot.slackClient(settings).methods(SlackStandIn.BOT_TOKEN),
        Ticker.systemTicker(), Runnable::run);
    groups.preload(List.of(GROUP), BOUND);
    bot = BotParts.slackBot(BotParts.of(vast, store, clock), SlackPayloads.CHANNEL_ID, List.of(OPERATOR, GROUP),
        List.of(APPROVER), groups);
    slackBot = new SlackBot(settings, bot.router(), SlackBot.defaultBlocks(), work, Clock.systemUTC(),
        live.outbox());
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(slackBot.app()),
        bot.metrics()::scrape, () -> true, 4);
  }

  @AfterEach
  void stop() {
    front.close();
    work.shutdownNow();
    live.close();
    bot.close();
    slack.close();
  }

  private Map<String, String> command(String user, String text, String responseId) {
    Map<String, String> fields = SlackPayloads.slashCommandFields(text, slack.responseUrl(responseId));
    fields.put("user_id", user);
    fields.put("trigger_id", "trigger-" + triggers.incrementAndGet());
    return fields;
  }

  private JsonNode post(Map<String, String> fields) throws IOException {
    SignedRequests.SignedRequest request = signed.slashCommand(fields);
    var builder = new Request.Builder().url("http://127.0.0.1:" + front.port() + "/slack/events")
        .post(RequestBody.create(request.body(), FORM));
    request.headers().forEach(builder::header);
    try (Response response = http.newCall(builder.build()).execute()) {
      assertEquals(200, response.code());
      return json.readTree(response.body().string());
    }
  }

  private static void assertRefused(JsonNode ack, String why) {
    assertEquals("ephemeral", ack.path("response_type").asText(), ack.toString());
    assertTrue(ack.toString().contains("You may not run /vast stop here: " + why), ack.toString());
  }

  @Test
  void aStrangerANonOperatorAnotherChannelAndADm_areRefused_andNothingChanges() throws Exception {
    assertRefused(post(command("U0STRANGER", "stop 7", "r1")), "you are not an operator");
    assertRefused(post(command(APPROVER, "stop 7", "r2")), "you are not an operator");
    var elsewhere = command(OPERATOR, "stop 7", "r3");
    elsewhere.put("channel_id", "C0ELSEWHERE");
    elsewhere.put("channel_name", "random");
    assertRefused(post(elsewhere), "vastbot does not take commands in this channel (C0ELSEWHERE)");
    var dm = command(OPERATOR, "stop 7", "r4");
    dm.put("channel_id", "D0DIRECT");
    dm.put("channel_name", "directmessage");
    assertRefused(post(dm), "vastbot does not take commands in direct messages");

    assertFalse(vast.calls().contains("stop 7"), vast.calls().toString());
    var refusals = Eventually.await("the four refusals audited", () -> store.recentAudit(10),
        entries -> entries.size() >= 4);
    assertTrue(refusals.stream().allMatch(e -> e.action().equals("/vast stop") && e.outcome().startsWith("failed:")),
        refusals.toString());
    assertTrue(slack.responses("r1").isEmpty() && slack.calls("chat.postMessage").isEmpty(),
        "a refusal posts nothing to the channel");
  }

  @Test
  void aMemberOfTheOperatorsUserGroup_mayStopAnInstance() throws Exception {
    JsonNode ack = post(command(GROUPED, "stop 7", "r5"));
    assertTrue(ack.toString().contains("Working on"), ack.toString());
    Eventually.await("vast-7 stopped", vast::calls, calls -> calls.contains("stop 7"));
    JsonNode answer = slack.awaitResponses("r5", 1, BOUND).get(0);
    assertEquals("in_channel", answer.path("response_type").asText(), answer.toString());
  }

  @Test
  void whoami_saysWhatTheCallerMayDoHereAndWhy() throws Exception {
    String grouped = post(command(GROUPED, "whoami", "r6")).toString();
    assertTrue(grouped.contains("Slack user " + GROUPED + " in " + SlackPayloads.CHANNEL_ID), grouped);
    assertTrue(grouped.contains("yes (member of user group " + GROUP + " in slack.operators)"), grouped);
    assertTrue(grouped.contains("no (you are not an approver (slack.approvers: " + APPROVER + "))"), grouped);
    String stranger = post(command("U0STRANGER", "whoami", "r7")).toString();
    assertTrue(stranger.contains("no (you are not an operator"), stranger);
  }

  @Test
  void aUserAddedToTheGroupLater_countsOnceTheGroupIsReadAgain() throws Exception {
    slack.setUserGroup(GROUP, GROUPED, "U0LATECOMER"); // added in Slack after the bot read the group
    assertRefused(post(command("U0LATECOMER", "stop 7", "r8")), "you are not an operator");
    // that miss asked for a fresh read (a second miss within 30 s would not ask again)
    Eventually.await("the group read again", () -> groups.members(GROUP).orElseThrow(),
        members -> members.contains("U0LATECOMER"));
    JsonNode ack = post(command("U0LATECOMER", "stop 7", "r9"));
    assertTrue(ack.toString().contains("Working on"), ack.toString());
    assertEquals(2, slack.calls("usergroups.users.list").size(), "read at start, then once for the miss");
  }

  @Test
  void overSocketMode_theSameRulesHold() throws Exception {
    try (var socket = SocketModeStandIn.start()) {
      slack.attach(socket);
      var app = new SocketModeApp(SlackStandIn.APP_TOKEN, SocketModeClient.Backend.JavaWebSocket, slackBot.app());
      try {
        app.startAsync();
        socket.awaitConnections(1, BOUND);
        socket.sendSlashCommand("env-1", command("U0STRANGER", "stop 7", "s1"));
        assertRefused(socket.awaitAckMessage("env-1", BOUND).payload(), "you are not an operator");
        socket.sendSlashCommand("env-2", command(OPERATOR, "stop 7", "s2"));
        assertTrue(socket.awaitAckMessage("env-2", BOUND).raw().contains("Working on"));
        Eventually.await("vast-7 stopped", vast::calls, calls -> calls.contains("stop 7"));
      } finally {
        SocketModeClient client = app.getClient();
        app.close();
        if (client != null) {
          client.close();
        }
      }
    }
  }
}
