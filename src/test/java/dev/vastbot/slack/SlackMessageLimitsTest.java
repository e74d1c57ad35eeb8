package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.app.BotMetrics;
import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * What reaches Slack's Web API (the stand-in) and a command's acknowledgement (over signed HTTP)
 * when the text is long or hostile, or the termination is forced: every payload within Block
 * Kit's limits, escaped once, and truthful about a destroy without a copy.
 */
class SlackMessageLimitsTest {
  private static final String CHANNEL = "C0000CHAN";
  private static final String REQUESTER = "U0ALICE";
  private static final String APPROVER = "U0BOSS";
  private static final String HOSTILE = "<!channel> <@U0EVE> *bold* _it_ ~x~ `code` ```fence``` https://evil.example "
      + "#general &amp; \u0000\u202e 🙂 ";
  @TempDir Path configDir;
  private final SlackStandIn slack = SlackStandIn.start();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(7, "RTX 4090");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SlackSettings settings =
      new SlackSettings(SlackStandIn.BOT_TOKEN, "limits-secret", slack.methodsUrlPrefix(), CHANNEL);
  private final ExecutorService work = Executors.newFixedThreadPool(2);
  private final LiveOutbox live = LiveOutbox.on(store, slack);
  /** The prompts' outbox on the bot's own (virtual) clock, drained by {@link #sentToSlack()}. */
  private final DrainedOutbox prompts = new DrainedOutbox(store, slack, clock);
  private Vastbot bot;
  private HttpFront front;

  @BeforeEach
  void start() throws Exception {
    Files.writeString(configDir.resolve("vastbot.yaml"), "slack:\n  approvers: [" + APPROVER + "]\n"
        + "  operators: [" + REQUESTER + "]\n");
    VastbotConfig config = ConfigLoader.load(configDir, Map.of(), configDir);
    bot = new Vastbot(BotParts.of(config, config.provisionPolicy(), vast, store, clock), new BotMetrics(clock),
        new SlackApprovalPrompts(prompts.outbox(), CHANNEL, store, clock),
        ChannelScope.ofIds(List.of(SlackPayloads.CHANNEL_ID), false), UserGroups.NONE);
  }

  @AfterEach
  void stop() {
    if (front != null) {
      front.close();
    }
    work.shutdownNow();
    live.close();
    bot.close();
    slack.close();
  }

  /** The stand-in, once the prompts queued so far went out. */
  private SlackStandIn sentToSlack() {
    prompts.drainAll();
    return slack;
  }

  @Test
  void aFourThousandCharacterReason_makesAPromptWithinTheLimits_thatSaysWhatWasCut() throws Exception {
    String reason = HOSTILE.replace("\u0000", "").repeat(60).substring(0, 4000);
    run("/vast shutdown 7 --reason '" + reason + "'", REQUESTER);

    SlackMessage prompt = sent(sentToSlack().awaitCalls("chat.postMessage", 1).get(0));
    BlockKitTexts.assertMessageWithinLimits(prompt, Set.of(REQUESTER));
    String summary = BlockKitTexts.of(prompt.blocks()).get(0);
    assertTrue(summary.startsWith(":warning: Termination ") && summary.contains("&lt;!channel&gt;"), summary);
    assertTrue(Pattern.compile("… \\(\\d+ more characters\\)$").matcher(summary).find(), summary);
    assertTrue(BlockKitTexts.of(prompt.blocks()).contains("Approve"), "the buttons are kept");
  }

  @Test
  void anAlertWithATenThousandCharacterHostLine_isPostedRepliedAndResolvedWithinTheLimits() {
    String line = HOSTILE.repeat(200).substring(0, 10_000);
    var alertStore = new InMemoryFleetStore();
    var delivery = new DrainedOutbox(alertStore, slack, clock);
    var alerts = new SlackAlertSink(delivery.outbox(), CHANNEL, alertStore,
        new dev.vastbot.fleet.alert.AlertPlanner(dev.vastbot.fleet.alert.AlertSettings.DEFAULTS), clock);
    alerts.alert(new Alert(Alert.Severity.CRITICAL, "unhealthy:7", line));
    clock.advance(java.time.Duration.ofMinutes(61)); // a follow-up goes out at most once an hour
    alerts.alert(new Alert(Alert.Severity.WARNING, "unhealthy:7", line));
    alerts.resolved("unhealthy:7", line);
    delivery.drainAll();

    List<SlackStandIn.Call> posts = sentToSlack().awaitCalls("chat.postMessage", 3);
    posts.forEach(post -> BlockKitTexts.assertMessageWithinLimits(sent(post), Set.of()));
    BlockKitTexts.assertMessageWithinLimits(sent(sentToSlack().awaitCalls("chat.update", 1).get(0)), Set.of());
    String parent = BlockKitTexts.of(sent(posts.get(0)).blocks()).get(0);
    assertTrue(parent.startsWith(":rotating_light: &lt;!channel&gt; &lt;@U0EVE&gt; *bold*"), parent);
    assertEquals(posts.get(0).answerJson().path("ts").asText(), posts.get(1).param("thread_ts"));
  }

  @Test
  void aForcedTermination_saysWithoutCopyingItsData_inItsPromptDialogFinalEditAndReply() throws Exception {
    String asked = run("/vast shutdown 7 --force-without-sync --reason disk-full", REQUESTER);
    long request = Long.parseLong(Pattern.compile("Termination (\\d+)").matcher(asked).results().findFirst()
        .orElseThrow(() -> new AssertionError(asked)).group(1));
    SlackMessage prompt = sent(sentToSlack().awaitCalls("chat.postMessage", 1).get(0));
    assertTrue(BlockKitTexts.of(prompt.blocks()).get(0).contains("WITHOUT copying its data"), prompt.toString());
    assertEquals(List.of("vast-7 will be destroyed WITHOUT copying its data."),
        BlockKitTexts.confirmTexts(prompt.blocks()));

    String approved = run("/vast approve " + request, APPROVER);

    assertTrue(approved.contains("vast-7 destroyed WITHOUT copying its data"), approved);
    assertFalse(approved.contains("verified copy"), approved);
    assertTrue(vast.findInstance(7).isEmpty(), "destroyed");
    List<SlackStandIn.Call> edits = sentToSlack().awaitCalls("chat.update", 1);
    String finalEdit = String.join("\n", BlockKitTexts.of(sent(edits.get(edits.size() - 1)).blocks()));
    assertTrue(finalEdit.contains(":warning: Destroyed WITHOUT copying its data."), finalEdit);
    assertTrue(finalEdit.contains("Approved by <@" + APPROVER + ">"), "who approved stays on the prompt: " + finalEdit);
    assertFalse(finalEdit.contains("verified copy"), finalEdit);
  }

  @Test
  void anUnforcedTermination_keepsSayingItsDataIsCopiedFirst() throws Exception {
    run("/vast shutdown 7 --reason idle", REQUESTER);
    SlackMessage prompt = sent(sentToSlack().awaitCalls("chat.postMessage", 1).get(0));
    assertEquals(List.of("vast-7 will be destroyed after its data is copied and verified."),
        BlockKitTexts.confirmTexts(prompt.blocks()));
    assertFalse(BlockKitTexts.of(prompt.blocks()).get(0).contains("WITHOUT"), prompt.toString());
  }

  @Test
  void workingOn_showsTheCommandLineEscapedOnce() throws Exception {
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(new SlackBot(settings, bot.router(),
        SlackBot.defaultBlocks(), work, Clock.systemUTC(), live.outbox()).app()), () -> "", () -> true, 4);
    var fields = SlackPayloads.slashCommandFields("logs 7 <b&c>", slack.responseUrl("logs"));
    var signed = new SignedRequests(settings.signingSecret(), Clock.systemUTC()).slashCommand(fields);
    var request = new Request.Builder().url("http://127.0.0.1:" + front.port() + "/slack/events")
        .post(RequestBody.create(signed.body(), MediaType.get("application/x-www-form-urlencoded")));
    signed.headers().forEach(request::header);
    JsonNode ack;
    try (var response = new OkHttpClient().newCall(request.build()).execute()) {
      ack = new ObjectMapper().readTree(response.body().string());
    }

    assertEquals("Working on /vast logs 7 &lt;b&amp;c&gt; …", ack.path("blocks").path(0).path("text").path("text")
        .asText(), ack.toString());
    assertEquals("plain_text", ack.path("blocks").path(0).path("text").path("type").asText());
  }

  private String run(String line, String actor) throws InterruptedException {
    return new TextRenderer().render(bot.router().route(line, Caller.slack(actor, SlackPayloads.CHANNEL_ID, false)));
  }

  /** The message a Web API call carried, as the bot sent it. */
  private static SlackMessage sent(SlackStandIn.Call call) {
    return new SlackMessage(call.param("text"), BlockKitTexts.parse(call.param("blocks")));
  }
}
