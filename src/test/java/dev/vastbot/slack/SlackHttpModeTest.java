package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.app.Vastbot;
import dev.vastbot.testing.BotParts;
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
import java.util.Set;
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
 * The Slack app over real HTTP in HTTP mode: signed requests to {@code POST /slack/events} on the
 * bot's port, answers in the acknowledgement or through the command's response_url at a local
 * stand-in for Slack; bad signatures get 401 and run nothing; a delivery seen before runs once.
 */
class SlackHttpModeTest {
  private static final String SECRET = "test-signing-secret";
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private final ObjectMapper json = new ObjectMapper();
  private final SlackStandIn slack = SlackStandIn.start();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(7, "RTX 4090")
      .withOffer(1, "RTX 4090", 0.35, 0.99);
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.atEpochDay();
  private Vastbot bot;
  private final ExecutorService work = Executors.newFixedThreadPool(2);
  private final SignedRequests signed = new SignedRequests(SECRET, Clock.systemUTC());
  private final OkHttpClient http = new OkHttpClient();
  private final AtomicInteger triggers = new AtomicInteger();
  private final LiveOutbox live = LiveOutbox.on(store, slack);
  private HttpFront front;

  private void serve(Set<String> operators) throws IOException {
    serve(operators, true);
  }

  private void serve(Set<String> operators, boolean snapshotReady) throws IOException {
    bot = BotParts.slackBot(BotParts.of(vast, store, clock), SlackPayloads.CHANNEL_ID, List.copyOf(operators),
        List.of());
    var settings = new SlackSettings(SlackStandIn.BOT_TOKEN, SECRET, slack.methodsUrlPrefix(), SlackPayloads.CHANNEL_ID)
        .allowingLoopbackResponseUrl(); // the stand-in's response URLs are on 127.0.0.1
    var slackBot = new SlackBot(settings, bot.router(), SlackBot.defaultBlocks(), work, Clock.systemUTC(),
        live.outbox(), dev.vastbot.chat.command.CommandAttachments.NONE, () -> snapshotReady);
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(slackBot.app()),
        bot.metrics()::scrape, () -> true, 4);
  }

  @AfterEach
  void stop() {
    if (front != null) {
      front.close();
    }
    work.shutdownNow();
    live.close();
    if (bot != null) {
      bot.close();
    }
    slack.close();
  }

  private SignedRequests.SignedRequest command(String text, String responseId) {
    Map<String, String> fields = SlackPayloads.slashCommandFields(text, slack.responseUrl(responseId));
    fields.put("trigger_id", "trigger-" + triggers.incrementAndGet());
    return signed.slashCommand(fields);
  }

  private Answer post(SignedRequests.SignedRequest request) throws IOException {
    var builder = new Request.Builder().url("http://127.0.0.1:" + front.port() + "/slack/events")
        .post(RequestBody.create(request.body(), FORM));
    request.headers().forEach(builder::header);
    try (Response response = http.newCall(builder.build()).execute()) {
      return new Answer(response.code(), response.body().string());
    }
  }

  private record Answer(int status, String body) {}

  private JsonNode jsonOf(Answer answer) throws IOException {
    return json.readTree(answer.body());
  }

  @Test
  void aSnapshotAnswer_comesInTheAcknowledgement_ephemeralUnlessPublic() throws Exception {
    serve(Set.of());
    Answer status = post(command("status", "r1"));
    assertEquals(200, status.status());
    JsonNode ack = jsonOf(status);
    assertEquals("ephemeral", ack.path("response_type").asText());
    assertTrue(ack.path("blocks").toString().contains("Fleet status"), ack.toString());
    assertEquals("in_channel", jsonOf(post(command("list --public", "r2"))).path("response_type").asText());
    assertTrue(slack.responses("r1").isEmpty(), "nothing more to send");
  }

  @Test
  void beforeTheFirstListOfAProcess_evenStatusIsAcknowledgedFirst_andAnsweredByResponseUrl() throws Exception {
    serve(Set.of(), false);
    Answer status = post(command("status", "r10"));
    assertTrue(status.body().contains("Working on"), status.body());
    assertTrue(slack.awaitResponses("r10", 1, Duration.ofSeconds(10)).get(0).toString().contains("Fleet status"));
  }

  @Test
  void slowWork_isAcknowledgedAtOnce_andItsResultArrivesByResponseUrl() throws Exception {
    serve(Set.of());
    Answer offers = post(command("offers --gpu-type RTX_4090", "r3"));
    assertEquals(200, offers.status());
    assertTrue(offers.body().contains("Working on"), offers.body());
    var answers = slack.awaitResponses("r3", 1, Duration.ofSeconds(10));
    assertTrue(answers.get(0).toString().contains("0.35"), answers.get(0).toString());
  }

  @Test
  void aMutatingCommand_isRefusedToSomeoneWhoIsNotAnOperator_andRunsNothing() throws Exception {
    serve(Set.of("U0OPERATOR"));
    Answer stop = post(command("stop 7", "r4"));
    assertTrue(stop.body().contains("You may not run /vast stop here: you are not an operator (slack.operators: U0OPERATOR)"), stop.body());
    assertEquals("ephemeral", jsonOf(stop).path("response_type").asText());
    assertFalse(vast.calls().contains("stop 7"));
    assertTrue(jsonOf(post(command("status", "r5"))).path("blocks").toString().contains("Fleet status"),
        "read-only commands stay open to everyone");
  }

  @Test
  void badStaleAndMissingSignatures_get401_andRunNothing() throws Exception {
    serve(Set.of());
    for (SignedRequests.SignedRequest bad : List.of(command("stop 7", "r6").withWrongSignature(),
        command("stop 7", "r7").stale(), command("stop 7", "r8").withoutHeaders())) {
      assertEquals(401, post(bad).status());
    }
    assertFalse(vast.calls().contains("stop 7"), vast.calls().toString());
  }

  @Test
  void aDeliverySlackRetries_runsItsWorkOnce() throws Exception {
    serve(Set.of(SlackPayloads.USER_ID));
    SignedRequests.SignedRequest stop = command("stop 7", "r9");
    post(stop);
    post(stop.withRetry(1, "http_timeout"));
    slack.awaitResponses("r9", 1, Duration.ofSeconds(10));
    assertEquals(1, vast.calls().stream().filter("stop 7"::equals).count(), vast.calls().toString());
    assertTrue(store.recentAudit(5).stream().anyMatch(e -> e.action().equals("/vast stop")
        && e.actor().equals(SlackPayloads.USER_ID)), "audited: who, what, when, outcome");
  }

  @Test
  void healthzAndMetrics_answerOnTheSamePort() throws Exception {
    serve(Set.of());
    try (Response health = http.newCall(new Request.Builder()
        .url("http://127.0.0.1:" + front.port() + "/healthz").build()).execute()) {
      assertEquals(200, health.code());
    }
    try (Response metrics = http.newCall(new Request.Builder()
        .url("http://127.0.0.1:" + front.port() + "/metrics").build()).execute()) {
      String text = metrics.body().string();
      assertTrue(text.contains("vastbot_loop_ticks_total"), text);
    }
  }
}
