package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every kind of message the bot sends to Slack, made from random hostile text (mentions, channel
 * pings, links and bare URLs, mrkdwn, code fences, entities, control and bidi characters, emoji
 * and lone surrogates, up to 10,000 characters), checked against Block Kit's limits and the
 * escaping rules ({@link BlockKitTexts#assertMessageWithinLimits}): every command's reply as
 * Slack gets it ({@link ReplyBlocks#message}) from a bot on fakes with 10 and with 1,000 instances
 * whose GPU names, labels and host output are hostile, and the alerts those commands raise; every
 * step of an approval prompt and every alert kind, as their senders fit and serialize them, and a
 * few of each as a Slack stand-in's Web API receives them.
 */
class SlackPayloadsPropertyTest {
  private static final String CHANNEL = "C0000CHAN";
  private static final String APPROVER = "U0BOSS";
  private static final String REQUESTER = "U0ALICE";
  private static final Map<Integer, HostileFleet> FLEETS = new ConcurrentHashMap<>();
  private static final AtomicLong INCIDENTS = new AtomicLong();
  private static final com.google.gson.Gson JSON = com.slack.api.util.json.GsonFactory.createSnakeCase();
  private static volatile String hostOutput = "";
  private static SlackStandIn slack;
  private static com.slack.api.methods.MethodsClient methods;
  private final ReplyBlocks renderer = SlackBot.defaultBlocks();

  @Property(tries = 4)
  void everyCommandsReply_withHostileText_atTenAndAThousandInstances(@ForAll("hostile") String hostile)
      throws Exception {
    for (int size : List.of(10, 1000)) {
      routeEveryCommand(fleet(size), hostile);
    }
  }

  private void routeEveryCommand(HostileFleet fleet, String hostile) throws InterruptedException {
    hostOutput = hostile;
    long id = fleet.ids().get(0);
    String quoted = "'" + hostile.replace("'", "") + "'";
    for (String line : List.of("help", "help " + quoted, quoted, "whoami", "status", "status --fresh",
        "list", "list --fresh", "list --page 2", "list --page " + quoted, "offers", "offers --gpu-type " + quoted,
        "health", "health --fresh", "health " + id, "logs " + id, "logs " + id + " workers", "logs " + quoted,
        "p2p status", "p2p discover", "p2p restart " + id, "sync status", "sync " + id, "restart " + id,
        "stop " + fleet.ids().get(2), "keepalive", "audit", "cost", "policy", "autoscale --dry-run", "autoscale",
        "scale-up 1 --group " + quoted, "scale-down 1 --group " + quoted, "forget-host-key " + quoted,
        "approve " + quoted, "deny 999999", "provision --gpu-type " + quoted + " --count 1")) {
      route(fleet, line, APPROVER);
    }
    for (boolean forced : List.of(false, true)) {
      long target = fleet.ids().get((int) (fleet.terminations().getAndIncrement() % fleet.ids().size()));
      String asked = route(fleet, "shutdown " + target + (forced ? " --force-without-sync" : "") + " --reason "
          + quoted, REQUESTER);
      java.util.regex.Matcher request = java.util.regex.Pattern.compile("Termination (\\d+)").matcher(asked);
      route(fleet, (forced ? "approve " : "deny ") + (request.find() ? request.group(1) : "1"), APPROVER);
    }
    for (Alert alert : List.copyOf(fleet.alerts())) {
      assertSent("alert " + alert.incident(), BlockKitLimits.fit(AlertMessages.post(alert)), Set.of());
    }
  }

  /** Routes {@code /vast line} by {@code actor}, checks the reply's message, returns the reply as text. */
  private String route(HostileFleet fleet, String line, String actor) throws InterruptedException {
    Reply reply = fleet.bot().router().route("/vast " + line, Caller.slack(actor, CHANNEL, false));
    assertSent(fleet.ids().size() + " instances, /vast " + line, renderer.message(reply), Set.of());
    String shown = new dev.vastbot.chat.view.TextRenderer().render(reply);
    assertFalse(shown.contains("You may not run"), "the command ran (not refused): " + shown);
    return shown;
  }

  @Property(tries = 50)
  void everyPromptStep_withHostileText_isSentWithinTheLimits(@ForAll("hostile") String target,
      @ForAll("hostile") String summary, @ForAll("actors") String requester, @ForAll("hostile") String progress,
      @ForAll("hostile") String detail, @ForAll boolean terminate, @ForAll boolean forced,
      @ForAll OperationState end) {
    var request = request(target, summary, requester, terminate);
    var prompt = new ApprovalPromptMessages(request, forced);
    Operation ended = new Operation(request.operationId(), request.action(), requester, target, end, detail,
        request.createdAt(), request.createdAt());
    for (SlackMessage message : List.of(prompt.asked(), prompt.decided(APPROVER, ApprovalDecision.APPROVED),
        prompt.decided(requester, ApprovalDecision.DENIED), prompt.progress(progress), prompt.expired(),
        prompt.ended(ended))) {
      assertSent("a prompt", asSent(message), mentioned(requester));
    }
  }

  @Property(tries = 100)
  void everyAlertKind_withHostileText_isSentWithinTheLimits(@ForAll("hostile") String text,
      @ForAll Alert.Severity severity) {
    Alert alert = new Alert(severity, "unhealthy:7", text);
    for (SlackMessage message : List.of(AlertMessages.post(alert), AlertMessages.reply(alert),
        AlertMessages.resolved(text), AlertMessages.shown("[" + severity + "] ", text))) {
      assertSent("an alert", asSent(message), Set.of());
    }
  }

  /** The same through the senders to a Slack stand-in: what its Web API receives keeps the rules too. */
  @Property(tries = 2)
  void promptsAndAlerts_asTheWebApiReceivesThem(@ForAll("hostile") String target, @ForAll("hostile") String text,
      @ForAll("actors") String requester, @ForAll boolean forced) {
    var store = new InMemoryFleetStore();
    var clock = MutableClock.atEpochDay();
    var request = request(target, text, requester, true);
    store.recordApprovalRequest(request);
    store.recordTermination(new TerminationRecord(request.operationId(), 7, forced));
    client();
    var delivery = new DrainedOutbox(store, slack, clock);
    ApprovalPrompts prompts = new SlackApprovalPrompts(delivery.outbox(), CHANNEL, store, clock);
    var alerts = new SlackAlertSink(delivery.outbox(), CHANNEL, store,
        new dev.vastbot.fleet.alert.AlertPlanner(dev.vastbot.fleet.alert.AlertSettings.DEFAULTS), clock);
    String incident = "unhealthy:" + INCIDENTS.incrementAndGet();
    int before = slack.calls().size();

    // each step sent before the next, so that no edit replaces another in the queue
    prompts.asked(request);
    delivery.drainAll();
    prompts.decided(request, APPROVER, ApprovalDecision.APPROVED);
    delivery.drainAll();
    prompts.progress(request.operationId(), text);
    delivery.drainAll();
    prompts.ended(new Operation(request.operationId(), "terminate", requester, target, OperationState.FAILED, text,
        clock.instant(), clock.instant()));
    alerts.alert(new Alert(Alert.Severity.CRITICAL, incident, text));
    delivery.drainAll();
    clock.advance(java.time.Duration.ofMinutes(61)); // a follow-up goes out at most once an hour
    alerts.alert(new Alert(Alert.Severity.INFO, incident, text));
    alerts.resolved(incident, text);
    delivery.drainAll();

    assertReceived(before, 8, mentioned(requester));
  }

  /** Fragments of hostile text, joined at random; now and then one repeated to 10,000 characters. */
  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> fragment = Arbitraries.oneOf(
        Arbitraries.of("<@U1>", "<@UEVE1>", "<!channel>", "<!here|here>", "<!subteam^S1|@team>", "<#C123|general>",
            "<http://evil.example|click>", "https://evil.example/x?a=1&b=2", "*bold*", "_italic_", "~gone~",
            "`code`", "```fence```", "> quote", "&", "&amp;", "&lt;", "&gt;", ":skull:", "#general", "@channel",
            "\u0000", "\u001b[31m", "\r\n", "\t", "\u202e", "\u2066", "\u0085", "\u007f", "\u2028", "🙂",
            "\ud83d", "\ude42", "\n", "vast-7", "RTX_4090"),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().withChars("*_~`<>&@#!|:\\\n ".toCharArray()).ofMinLength(1).ofMaxLength(20));
    Arbitrary<String> text = fragment.list().ofMinSize(1).ofMaxSize(25).map(parts -> String.join(" ", parts));
    Arbitrary<String> huge = text.map(t -> t.repeat(10_000 / t.length() + 1).substring(0, 10_000));
    return Arbitraries.frequencyOf(Tuple.of(3, text), Tuple.of(1, huge));
  }

  /** Who asks: a Slack user id (mentioned), or a console, CLI or hostile name (not). */
  @Provide
  Arbitrary<String> actors() {
    return Arbitraries.oneOf(Arbitraries.of(REQUESTER, "W0ENTERPRISE", "console", "cli:bob"), hostile());
  }

  @AfterContainer
  static void stop() {
    FLEETS.values().forEach(fleet -> fleet.bot().close());
    FLEETS.clear();
    if (slack != null) {
      slack.close();
      slack = null;
      methods = null;
    }
  }

  private static ApprovalRequest request(String target, String summary, String requester, boolean terminate) {
    var at = MutableClock.atEpochDay().instant();
    return ApprovalRequest.pending(INCIDENTS.incrementAndGet(), terminate ? "terminate" : "provision", target,
        requester, summary, at, at.plus(Duration.ofMinutes(30)));
  }

  private static Set<String> mentioned(String requester) {
    return EscapedText.isUserId(requester) ? Set.of(APPROVER, requester) : Set.of(APPROVER);
  }

  /** {@code message} as a sender sends it: fitted, then written as the Slack SDK writes it, and read back. */
  private static SlackMessage asSent(SlackMessage message) {
    SlackMessage fitted = BlockKitLimits.fit(message);
    return new SlackMessage(fitted.text(), BlockKitTexts.parse(JSON.toJson(fitted.blocks())));
  }

  /** One Web API client, at one stand-in, for every try. */
  private static synchronized com.slack.api.methods.MethodsClient client() {
    if (slack == null) {
      slack = SlackStandIn.start();
      var settings = new SlackSettings(SlackStandIn.BOT_TOKEN, null, slack.methodsUrlPrefix(), CHANNEL);
      methods = SlackBot.slackClient(settings).methods(SlackStandIn.BOT_TOKEN);
    }
    return methods;
  }

  /** The messages posted or updated since call {@code before}, at least {@code count}, each within the rules. */
  private static void assertReceived(int before, int count, Set<String> mentioned) {
    List<SlackStandIn.Call> all = slack.calls();
    List<SlackStandIn.Call> calls = all.subList(before, all.size()).stream()
        .filter(call -> call.method().startsWith("chat.")).toList();
    assertFalse(calls.size() < count, calls.size() + " messages, not " + count + ": "
        + calls.stream().map(c -> c.method() + (c.param("thread_ts") == null ? "" : " (reply)")).toList());
    for (SlackStandIn.Call call : calls) {
      SlackMessage sent = new SlackMessage(call.param("text"), BlockKitTexts.parse(call.param("blocks")));
      assertSent(call.method(), sent, mentioned);
    }
  }

  private static void assertSent(String what, SlackMessage message, Set<String> mentioned) {
    try {
      BlockKitTexts.assertMessageWithinLimits(message, mentioned);
      for (String text : texts(message)) {
        assertFalse(text.contains("&amp;lt;@U1&amp;gt;") || text.contains("&amp;lt;!channel&amp;gt;"),
            "escaped twice: " + text);
      }
    } catch (AssertionError broken) {
      String text = message.text();
      throw new AssertionError(what + ": " + broken.getMessage() + " (text: "
          + (text.length() > 300 ? text.substring(0, 300) + "…" : text) + ")", broken);
    }
  }

  private static List<String> texts(SlackMessage message) {
    var texts = new ArrayList<>(BlockKitTexts.of(message.blocks()));
    texts.add(message.text());
    return texts;
  }

  /** The bot for {@code size} instances, built once. */
  private static HostileFleet fleet(int size) {
    return FLEETS.computeIfAbsent(size, n -> HostileFleet.start(n, CHANNEL, List.of(APPROVER, REQUESTER),
        List.of(APPROVER), () -> hostOutput));
  }
}
