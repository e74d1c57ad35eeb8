package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.DemoWorld;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.access.ChannelScope;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shutdown from the slash command to a destroyed instance, against the simulated marketplace
 * and a simulated host over real SSH, with Slack's Web API and response URLs at a local stand-in:
 * the prompt is posted with its buttons, a non-approver's and the requester's clicks get a polite
 * reason, the approver's click decides, and the same message is edited at each step.
 */
class SlackShutdownFlowTest {
  private static final String SECRET = "flow-secret";
  private static final String APPROVER = "U0BOSS";
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  @TempDir Path configDir;
  private final SlackStandIn slack = SlackStandIn.start();
  private final ExecutorService work = Executors.newFixedThreadPool(2);
  private final OkHttpClient http = new OkHttpClient();
  private final SignedRequests signed = new SignedRequests(SECRET, Clock.systemUTC());
  private DemoWorld world;
  private HttpFront front;
  private int clicks;
  private LiveOutbox live;

  @BeforeEach
  void start() throws Exception {
    Files.writeString(configDir.resolve("vastbot.yaml"), """
        slack:
          approvers: [%s]
          operators: [%s]
        health:
          connect_timeout_seconds: 2
          command_timeout_seconds: 10
        """.formatted(APPROVER, SlackPayloads.USER_ID));
    var settings = new SlackSettings(SlackStandIn.BOT_TOKEN, SECRET, slack.methodsUrlPrefix(), "C0000CHAN")
        .allowingLoopbackResponseUrl(); // the stand-in's response URLs are on 127.0.0.1
    world = DemoWorld.start(ConfigLoader.load(configDir, Map.of(), configDir), 9, Clock.systemUTC(), null,
        store -> {
          live = LiveOutbox.on((dev.vastbot.fleet.port.OutboxStore) store, slack);
          return new SlackApprovalPrompts(live.outbox(), "C0000CHAN", store, Clock.systemUTC());
        }, ChannelScope.ofIds(List.of(SlackPayloads.CHANNEL_ID), false));
    var slackBot = new SlackBot(settings, world.bot().router(), SlackBot.defaultBlocks(), work, Clock.systemUTC(),
        live.outbox());
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(slackBot.app()),
        () -> "", () -> true, 4);
  }

  @AfterEach
  void stop() {
    front.close();
    work.shutdownNow();
    live.close();
    world.close();
    slack.close();
  }

  private void post(SignedRequests.SignedRequest request) throws Exception {
    var builder = new Request.Builder().url("http://127.0.0.1:" + front.port() + "/slack/events")
        .post(RequestBody.create(request.body(), FORM));
    request.headers().forEach(builder::header);
    try (var response = http.newCall(builder.build()).execute()) {
      assertEquals(200, response.code());
    }
  }

  private void click(String user, String actionId, long request, String ts, String responseId) throws Exception {
    String payload = SlackPayloads.blockAction(actionId, Long.toString(request), ts, slack.responseUrl(responseId))
        .replaceFirst("\"id\":\"" + SlackPayloads.USER_ID + "\"", "\"id\":\"" + user + "\"")
        .replace("1700000001.000200", "1700000001.00" + (100 + ++clicks));
    post(signed.blockAction(payload));
  }

  @Test
  void slashCommandToDestroyedInstance_withTheSameMessageEditedAtEachStep() throws Exception {
    String provisioned = new TextRenderer().render(world.bot().router()
        .route("/vast provision --gpu-type RTX_4090 --count 1", Caller.console()));
    assertTrue(provisioned.contains("OK: 1 new instance(s) running."), provisioned);
    long id = world.bot().provider().listInstances().get(0).id();

    Map<String, String> fields = SlackPayloads.slashCommandFields("shutdown " + id, slack.responseUrl("cmd"));
    fields.put("trigger_id", "trigger-shutdown");
    post(signed.slashCommand(fields));
    var prompt = slack.awaitCalls("chat.postMessage", 1).get(0);
    String blocks = prompt.param("blocks");
    assertTrue(blocks.contains(SlackApprovalPrompts.APPROVE) && blocks.contains(SlackApprovalPrompts.DENY), blocks);
    assertTrue(blocks.contains("\"confirm\""), "Approve asks to confirm: " + blocks);
    long request = Long.parseLong(Pattern.compile("Termination (\\d+)").matcher(blocks).results().findFirst()
        .orElseThrow().group(1));
    String ts = prompt.answerJson().path("ts").asText();

    click(SlackPayloads.USER_ID, SlackApprovalPrompts.APPROVE, request, ts, "self");
    assertTrue(slack.awaitResponses("self", 1, Duration.ofSeconds(10)).get(0).toString().contains("not an approver"));
    click("U0STRANGER", SlackApprovalPrompts.APPROVE, request, ts, "stranger");
    var stranger = slack.awaitResponses("stranger", 1, Duration.ofSeconds(10)).get(0);
    assertEquals("ephemeral", stranger.path("response_type").asText());
    assertTrue(world.bot().provider().findInstance(id).isPresent(), "nothing decided yet");

    click(APPROVER, SlackApprovalPrompts.APPROVE, request, ts, "boss");
    var edits = slack.awaitCalls("chat.update", 2, Duration.ofSeconds(60));
    awaitDestroyed(id);
    click(APPROVER, SlackApprovalPrompts.APPROVE, request, ts, "again");
    assertTrue(slack.awaitResponses("again", 1, Duration.ofSeconds(10)).get(0).toString().contains("already"));

    List<String> updates = dev.vastbot.testing.Eventually.await("the outcome edit", Duration.ofSeconds(20),
        () -> slack.calls("chat.update").stream().map(c -> c.param("ts") + " " + decoded(c.param("blocks"))).toList(),
        all -> all.get(all.size() - 1).contains("Destroyed after a verified copy"));
    assertTrue(updates.stream().allMatch(u -> u.startsWith(ts + " ")), "the prompt itself is edited: " + updates);
    assertTrue(updates.get(0).contains("Approved by <@" + APPROVER + ">"), updates.get(0));
    assertTrue(updates.get(updates.size() - 1).contains("Destroyed after a verified copy"), updates.toString());
    assertEquals(1, slack.calls("chat.postMessage").size(), "one prompt, no second message");
    assertTrue(edits.size() >= 2);
  }

  /** The blocks' JSON as Jackson writes it back: Gson's \\u003c escapes read as the characters they are. */
  private static String decoded(String blocks) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(blocks).toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitDestroyed(long id) {
    dev.vastbot.testing.Eventually.await("vast-" + id + " destroyed", Duration.ofSeconds(60),
        () -> world.bot().provider().findInstance(id).isEmpty(), gone -> gone);
  }
}
