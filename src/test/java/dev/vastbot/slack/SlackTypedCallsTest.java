package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.command.Arguments;
import dev.vastbot.chat.command.CommandHandler;
import dev.vastbot.chat.command.CommandRouter;
import dev.vastbot.chat.command.CommandSpec;
import dev.vastbot.chat.command.CommandTraits;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.access.Role;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.service.access.AccessPolicy;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slack calls the chat front end typed, over signed HTTP requests to the bot's port with Slack's Web
 * API and response URLs at a local stand-in: a slash command's text is parsed once, so an argument
 * quoted with spaces and both kinds of quote reaches the handler as typed; an Approve click calls
 * the decision with the request id, never the text parser.
 */
class SlackTypedCallsTest {
  private static final String SECRET = "typed-calls-secret";
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  /** Three words for the tokenizer, one argument: {@code it's a "test"}, both kinds of quote in it. */
  private static final String QUOTED = "\"it's a \"'\"test\"'";
  private static final String AS_TYPED = "it's a \"test\"";
  private final ObjectMapper json = new ObjectMapper();
  private final SlackStandIn slack = SlackStandIn.start();
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final ExecutorService work = Executors.newFixedThreadPool(2);
  private final SignedRequests signed = new SignedRequests(SECRET, Clock.systemUTC());
  private final OkHttpClient http = new OkHttpClient();
  private final LiveOutbox live = LiveOutbox.on(store, slack);
  private final SlackSettings settings = new SlackSettings(SlackStandIn.BOT_TOKEN, SECRET, slack.methodsUrlPrefix(),
      SlackPayloads.CHANNEL_ID).allowingLoopbackResponseUrl(); // the stand-in's response URLs are on 127.0.0.1
  private Vastbot bot;
  private HttpFront front;
  private int triggers;

  private void serve(CommandRouter router) throws IOException {
    var slackBot = new SlackBot(settings, router, SlackBot.defaultBlocks(), work, Clock.systemUTC(), live.outbox());
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(slackBot.app()), () -> "",
        () -> true, 4);
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

  private String post(SignedRequests.SignedRequest request) throws IOException {
    var builder = new Request.Builder().url("http://127.0.0.1:" + front.port() + "/slack/events")
        .post(RequestBody.create(request.body(), FORM));
    request.headers().forEach(builder::header);
    try (Response response = http.newCall(builder.build()).execute()) {
      assertEquals(200, response.code());
      return response.body().string();
    }
  }

  private String command(String text, String responseId) throws IOException {
    Map<String, String> fields = SlackPayloads.slashCommandFields(text, slack.responseUrl(responseId));
    fields.put("trigger_id", "trigger-" + ++triggers);
    return post(signed.slashCommand(fields));
  }

  @Test
  void aQuotedArgumentWithSpacesAndQuotes_reachesTheHandlerAsTyped_answeredAtOnce() throws Exception {
    bot = BotParts.slackBot(BotParts.of(new FakeGpuProvider(), store, MutableClock.atEpochDay()),
        SlackPayloads.CHANNEL_ID, List.of(), List.of());
    serve(bot.router());
    JsonNode ack = json.readTree(command("help " + QUOTED, "help"));
    assertEquals("No command '" + AS_TYPED + "'. Try: /vast help", ack.path("text").asText().replaceFirst("^\\S+ ", ""),
        ack.toString());
  }

  @Test
  void aQuotedArgumentWithSpacesAndQuotes_reachesTheHandlerAsTyped_answeredByResponseUrl() throws Exception {
    var access = new AccessPolicy(Role.of("slack.operators", List.of()), Role.of("slack.approvers", List.of()),
        ChannelScope.ofIds(List.of(SlackPayloads.CHANNEL_ID), false), UserGroups.NONE);
    serve(new CommandRouter(List.of(new Echo()), access, entry -> { }, Clock.systemUTC()));
    String ack = command("echo " + QUOTED + " --public", "echo");
    assertTrue(ack.contains("Working on"), ack);
    JsonNode answer = slack.awaitResponses("echo", 1, Duration.ofSeconds(10)).get(0);
    assertEquals("in_channel", answer.path("response_type").asText(), "--public is the face's, not the handler's");
    assertEquals("[" + AS_TYPED + "]", answer.path("text").asText(), answer.toString());
  }

  @Test
  void aClick_callsTheDecisionWithTheRequestId_neverTheTextParser() throws Exception {
    bot = BotParts.slackBot(BotParts.of(new FakeGpuProvider(), store, MutableClock.atEpochDay()),
        SlackPayloads.CHANNEL_ID, List.of(), List.of(SlackPayloads.USER_ID));
    serve(bot.router());
    String beyondTheParser = "9000000000000000001"; // 19 digits: the text parser takes ids of at most 18
    Caller clicker = Caller.slack(SlackPayloads.USER_ID, SlackPayloads.CHANNEL_ID, false);
    String typed = new TextRenderer().render(bot.router().route("/vast approve " + beyondTheParser, clicker));
    assertTrue(typed.contains("is not an instance id"), "as text, the parser's refusal: " + typed);

    post(signed.blockAction(SlackPayloads.blockAction(SlackApprovalPrompts.APPROVE, beyondTheParser,
        "1700000001.000200", slack.responseUrl("click"))));
    JsonNode answer = slack.awaitResponses("click", 1, Duration.ofSeconds(10)).get(0);
    assertEquals("ephemeral", answer.path("response_type").asText());
    assertTrue(answer.toString().contains("Not approved: no approval request " + beyondTheParser + "."),
        "the decision's own reply: " + answer);
    var audited = store.recentAudit(1).get(0);
    assertEquals(List.of(SlackPayloads.USER_ID, "/vast approve", beyondTheParser),
        List.of(audited.actor(), audited.action(), audited.target()), "audited as the command is");
    assertTrue(audited.outcome().startsWith("failed: ") && audited.outcome().contains("no approval request"),
        audited.outcome());
  }

  /** {@code /vast echo TEXT}: answers with its argument in brackets, after (pretended) slow work. */
  private static final class Echo implements CommandHandler {
    @Override
    public CommandSpec spec() {
      return new CommandSpec("echo", "Say it back", List.of("TEXT"), 1, List.of());
    }

    @Override
    public CommandTraits traits(Arguments arguments) {
      return CommandTraits.readsSlowly();
    }

    @Override
    public Reply handle(Arguments arguments, Actor actor) {
      return Reply.of(new Paragraph("[" + arguments.positional(0).orElseThrow() + "]"));
    }
  }
}
