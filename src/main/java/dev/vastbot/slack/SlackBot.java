package dev.vastbot.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.vastbot.chat.command.CommandAttachments;
import dev.vastbot.chat.command.CommandEffects;
import dev.vastbot.chat.command.CommandRouter;
import dev.vastbot.chat.command.Tokenizer;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.access.Effect;
import dev.vastbot.service.access.AccessPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack face of the bot: a Bolt {@link App} that answers {@code /vast ...} through the same
 * router as the console. Each command is acknowledged within Slack's 3-second deadline, whatever
 * the bot is doing (a first list, a sweep of a thousand hosts): one that is answered at once
 * ({@link CommandRouter#routeAtOnce}: a parse error, help, whoami, and read-only answers from
 * memory, the store's reads and the fleet snapshot) answers in the acknowledgement; slow work is
 * acknowledged at once and its result arrives through the command's {@code response_url}. Read-only
 * answers are ephemeral unless {@code --public}; mutating commands post in the channel. Who may run
 * what, and where, is the router's {@link AccessPolicy}: a refusal is answered in the
 * acknowledgement, ephemeral, and audited. A delivery seen before (the same trigger) runs nothing a
 * second time.
 *
 * <p>Serving it is the caller's: {@link HttpFront} for HTTP mode, Bolt's SocketModeApp for Socket
 * Mode. Thread-safe.
 */
public final class SlackBot {
  private static final Logger log = LoggerFactory.getLogger(SlackBot.class);
  private static final String COMMAND = "/vast";
  /** Who the warm-up's renderings are for: read-only answers are the same for everyone. */
  private static final Actor WARM_UP = new Actor("vastbot-warm-up");
  private static final Duration SEEN_FOR = Duration.ofMinutes(15);
  private static final Duration ANSWER_FOR = Duration.ofSeconds(1);
  /** How long after a person's command the start-up warm-up sends nothing. */
  private static final long MAKE_WAY_MILLIS = 250;
  /** How Bolt writes an acknowledgement's JSON (snake case), done once per cached answer. */
  private static final com.google.gson.Gson JSON = com.slack.api.util.json.GsonFactory.createSnakeCase();
  private final SlackSettings settings;
  private final CommandRouter router;
  private final ReplyBlocks blocks;
  private final ExecutorService work;
  private final Cache<String, Boolean> seen;
  /** Answers at once for a second: they are the same for everyone, and a burst renders them once. */
  private final SharedAnswers<String> answers;
  /** Read-only answers of slow work for a second, the same: a burst before the first list routes them once. */
  private final SharedAnswers<Answer> later;
  private final App app;
  private final java.util.function.BooleanSupplier snapshotReady;
  private final CommandAttachments attachments;
  /** Where answers by response URL and uploads are queued, so that none is lost. */
  private final SlackOutbox outbox;
  private final Clock clock;
  private final ResponseUrlPolicy responseUrls;
  /** When the last command from a person (not the warm-up) came, on {@link #clock}. */
  private volatile long lastPersonsCommand;

  public SlackBot(SlackSettings settings, CommandRouter router, ReplyBlocks blocks, ExecutorService work,
      Clock clock, SlackOutbox outbox) {
    this(settings, router, blocks, work, clock, outbox, CommandAttachments.NONE, () -> true);
  }

  /**
   * @param outbox where answers by response URL and uploads are queued
   * @param attachments files to upload (with the bot token) to the channel a command came from,
   *     after its answer: {@code /vast cost}'s chart
   * @param snapshotReady whether the fleet snapshot exists; until it does (the first list of a
   *     process), even a snapshot answer is slow work, acknowledged first and answered by response_url
   */
  public SlackBot(SlackSettings settings, CommandRouter router, ReplyBlocks blocks, ExecutorService work,
      Clock clock, SlackOutbox outbox, CommandAttachments attachments,
      java.util.function.BooleanSupplier snapshotReady) {
    this.outbox = outbox;
    this.attachments = attachments;
    this.clock = clock;
    this.snapshotReady = snapshotReady;
    this.settings = settings;
    this.responseUrls = new ResponseUrlPolicy(settings.allowLoopbackResponseUrl());
    this.router = router;
    this.blocks = blocks;
    this.work = work;
    this.seen = Caffeine.newBuilder()
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .expireAfterWrite(SEEN_FOR)
        .maximumSize(100_000)
        .build();
    this.answers = new SharedAnswers<>(clock, ANSWER_FOR);
    this.later = new SharedAnswers<>(clock, ANSWER_FOR);
    this.app = new SigningApp(appConfig(settings));
    app.command(COMMAND, this::onCommand);
    app.blockAction(java.util.regex.Pattern.compile(SlackApprovalPrompts.APPROVE + "|" + SlackApprovalPrompts.DENY),
        this::onDecision);
  }

  /** The default renderer. */
  public static ReplyBlocks defaultBlocks() {
    return new BlockKitRenderer();
  }

  /** The Bolt app, for {@link HttpFront} and Socket Mode. */
  public App app() {
    return app;
  }

  /**
   * Warms the acknowledgement path of HTTP mode served on {@code port} ({@link AckWarmUp}), and
   * between its bursts the rendering of those answers (which a burst meets once a second, when its
   * cached answer expires); skipped without a signing secret (Socket Mode) or before the fleet
   * snapshot exists. It sends nothing within {@value #MAKE_WAY_MILLIS} ms of a person's command, so
   * that theirs never queue behind its own. Blocks for at most the limits' budget (and a call
   * timeout).
   *
   * @param http the process's HTTP client, which the warm-up derives its own from
   */
  public AckWarmUp.Result warmUp(int port, AckWarmUp.Limits limits, okhttp3.OkHttpClient http) {
    if (settings.signingSecret() == null) {
      return AckWarmUp.Result.skipped("no signing secret (Socket Mode acknowledges over its socket)");
    }
    List<String> texts = snapshotReady.getAsBoolean() ? AckWarmUp.TEXTS : AckWarmUp.WITHOUT_THE_FLEET;
    return new AckWarmUp(http, port, settings.signingSecret(), settings.channel(), clock, texts)
        .run(limits, () -> render(texts), () -> clock.millis() - lastPersonsCommand < MAKE_WAY_MILLIS);
  }

  /**
   * Renders the answers that come from the fleet snapshot ({@code status}, {@code list}, {@code
   * health}) {@code times} times, in this process, as an acknowledgement renders them: after a
   * warm-up that ran before the first list, so that the first of them people ask for is compiled
   * too, without sending anything.
   */
  public void warmRenders(int times) {
    for (int i = 0; i < times && snapshotReady.getAsBoolean(); i++) {
      render(List.of("status", "list", "health"));
    }
  }

  /** Renders each line's answer as an acknowledgement does, when it is ready at once (it never probes). */
  private void render(List<String> texts) {
    for (String text : texts) {
      routeAtOnce(COMMAND + " " + text, Caller.local(WARM_UP)).ifPresent(reply -> JSON.toJson(response(reply,
          "ephemeral")));
    }
  }

  public SlackSettings settings() {
    return settings;
  }

  /** The Web API client pointed at {@code SLACK_API_URL}, without a proxy taken from the environment. */
  public static Slack slackClient(SlackSettings settings) {
    return Slack.getInstance(sdkConfig(settings));
  }

  /**
   * {@link #slackClient(SlackSettings)} whose calls go through {@code http}'s connection pool and
   * dispatcher (the process's one HTTP client), with the SDK's own settings (its user agent, its
   * timeouts).
   */
  public static Slack slackClient(SlackSettings settings, okhttp3.OkHttpClient http) {
    SlackConfig config = sdkConfig(settings);
    okhttp3.OkHttpClient sdk = com.slack.api.util.http.SlackHttpClient.buildOkHttpClient(config).newBuilder()
        .connectionPool(http.connectionPool())
        .dispatcher(http.dispatcher())
        .build();
    return Slack.getInstance(config, new com.slack.api.util.http.SlackHttpClient(sdk));
  }

  private static SlackConfig sdkConfig(SlackSettings settings) {
    var config = new SlackConfig();
    config.setProxyUrl(null);
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    return config;
  }

  /**
   * Bolt's settings. Bolt calls {@code auth.test} when the app starts, then again from a request's
   * thread, before its handler, on the first request and whenever its cached answer is 10 minutes
   * old: an acknowledgement would wait for a Slack round trip (or, with Slack slow, fail). The
   * answer (the bot's user and team) does not change while the token lives, so it is kept for good.
   */
  private static AppConfig appConfig(SlackSettings settings) {
    return AppConfig.builder()
        .slack(slackClient(settings))
        .singleTeamBotToken(settings.botToken())
        .signingSecret(settings.signingSecret())
        .authTestCacheExpirationMillis(-1L)
        .build();
  }

  private Response onCommand(SlashCommandRequest request, SlashCommandContext context) {
    SlashCommandPayload payload = request.getPayload();
    if (!AckWarmUp.sentBy(payload.getUserId())) {
      lastPersonsCommand = clock.millis();
    }
    if (!firstDelivery("command:" + payload.getTriggerId())) {
      return context.ack();
    }
    List<String> words;
    try {
      words = new ArrayList<>(Tokenizer.split(payload.getText() == null ? "" : payload.getText()));
    } catch (IllegalArgumentException unbalanced) {
      return context.ack(ephemeral(Reply.error(unbalanced.getMessage())));
    }
    boolean inChannel = words.remove("--public");
    Caller caller = Caller.slack(payload.getUserId(), payload.getChannelId(),
        directMessage(payload.getChannelId(), payload.getChannelName()));
    String line = COMMAND + " " + String.join(" ", words.stream().map(SlackBot::quoted).toList());
    Optional<Effect> effect = router.effectOf(line);
    AccessPolicy.Verdict verdict = router.authorize(effect, caller);
    if (!verdict.allowed()) {
      auditLater(line, caller, verdict);
      return context.ack(ephemeral(CommandRouter.refusal(words.get(0), verdict)));
    }
    boolean mutating = effect.filter(e -> e != Effect.READ).isPresent();
    String responseType = mutating || inChannel ? "in_channel" : "ephemeral";
    String channel = payload.getChannelId();
    String answer = answerAtOnce(responseType, line, caller, CommandEffects.personal(words));
    if (answer != null) {
      attachLater(line, channel);
      return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
          .body(answer).build();
    }
    try {
      boolean shared = !mutating && !CommandEffects.personal(words);
      work.submit(() -> respondLater(context, line, caller, responseType, channel, shared));
    } catch (RejectedExecutionException stopping) {
      return context.ack(ephemeral(Reply.error("vastbot is shutting down; try again in a moment.")));
    }
    return context.ack(ephemeral(Reply.of(new dev.vastbot.chat.view.Notice(
        dev.vastbot.chat.view.Notice.Level.INFO, "Working on " + line + " …"))));
  }

  /**
   * Whether a command came from a direct message: Slack gives DMs ids starting with D and the name
   * {@code directmessage}, and group DMs names starting with {@code mpdm-}.
   */
  static boolean directMessage(String channelId, String channelName) {
    return channelId != null && channelId.startsWith("D") || "directmessage".equals(channelName)
        || channelName != null && channelName.startsWith("mpdm-");
  }

  /** Audits a refusal given in the acknowledgement, in the background (the acknowledgement must not wait). */
  private void auditLater(String line, Caller caller, AccessPolicy.Verdict verdict) {
    try {
      work.submit(() -> {
        try {
          router.auditRefusal(line, caller, verdict);
        } catch (RuntimeException notAudited) {
          log.warn("a refusal was not audited: " + notAudited.getClass().getSimpleName());
        }
      });
    } catch (RejectedExecutionException stopping) {
      log.warn("stopping; a refusal is not audited");
    }
  }

  /**
   * An Approve or Deny click: acknowledged at once; the decision runs as {@code /vast approve|deny
   * ID} by the clicking user (the gate decides whether it counts). A click that does not count
   * (not an approver, their own request, already decided, expired) gets a polite ephemeral reason;
   * the prompt itself is edited by the approval prompts as the work goes.
   */
  private Response onDecision(com.slack.api.bolt.request.builtin.BlockActionRequest request,
      com.slack.api.bolt.context.builtin.ActionContext context) {
    var payload = request.getPayload();
    var action = payload.getActions().get(0);
    String user = payload.getUser().getId();
    String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
    if (channel == null) {
      return context.ack();
    }
    Caller caller = Caller.slack(user, channel,
        directMessage(channel, payload.getChannel().getName()));
    if (!firstDelivery("action:" + action.getActionTs() + ":" + user + ":" + action.getActionId())) {
      return context.ack();
    }
    String verb = action.getActionId().equals(SlackApprovalPrompts.APPROVE) ? "approve" : "deny";
    String requestId = action.getValue() == null ? "" : action.getValue();
    if (!requestId.matches("\\d{1,18}")) {
      return context.ack();
    }
    try {
      work.submit(() -> {
        Reply reply = route(COMMAND + " " + verb + " " + requestId, caller);
        if (reply.failed()) {
          respond(context.getResponseUrl(), reply, "ephemeral");
        }
      });
    } catch (RejectedExecutionException stopping) {
      log.warn("a click arrived while stopping; not run");
    }
    return context.ack();
  }

  /**
   * Routes slow work and queues its answer. A read-only answer that is the same for everyone
   * ({@code shared}) is shared for a second with the same line's other callers, so a burst of
   * commands before the first list routes {@code /vast list} once, not once each.
   */
  private void respondLater(SlashCommandContext context, String line, Caller caller, String responseType,
      String channel, boolean shared) {
    Answer answer = shared ? later.get(responseType + " " + line, () -> answer(route(line, caller))) : null;
    if (answer == null) {
      answer = answer(route(line, caller));
    }
    respond(context.getResponseUrl(), answer.message(), answer.reply().failed() ? "ephemeral" : responseType);
    if (!answer.reply().failed()) {
      upload(line, channel);
    }
  }

  /** Uploads the line's attachments in the background (the acknowledgement must not wait). */
  private void attachLater(String line, String channel) {
    if (settings.botToken() == null || channel == null) {
      return;
    }
    try {
      work.submit(() -> upload(line, channel));
    } catch (RejectedExecutionException stopping) {
      log.warn("stopping; the attachment of " + line.split(" ")[1] + " is not sent");
    }
  }

  /** Queues the line's attachments (a chart) for the channel the command came from. */
  private void upload(String line, String channel) {
    if (settings.botToken() == null || channel == null) {
      return;
    }
    for (CommandAttachments.Attachment file : attachments.attachmentsFor(line)) {
      outbox.upload(channel, file.fileName(), file.title(), file.content(), outbox.defaultDeadline());
    }
  }

  /** Queues an answer to the command's (or the click's) response URL; none without one, or to one not Slack's. */
  private void respond(String responseUrl, Reply reply, String responseType) {
    respond(responseUrl, SlackOutbox.prepare(blocks.message(reply)), responseType);
  }

  private void respond(String responseUrl, SlackOutbox.Prepared message, String responseType) {
    if (responseUrl == null || responseUrl.isBlank()) {
      log.warn("a request without a response URL; its answer is not sent");
      return;
    }
    if (!responseUrls.allows(responseUrl, "an answer")) {
      return;
    }
    outbox.respond(responseUrl, responseType, message);
  }

  /** A reply and its message as the outbox sends it, rendered and written once for every caller who shares it. */
  private record Answer(Reply reply, SlackOutbox.Prepared message) {}

  private Answer answer(Reply reply) {
    return new Answer(reply, SlackOutbox.prepare(blocks.message(reply)));
  }

  private Reply route(String line, Caller caller) {
    try {
      return router.route(line, caller);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.error("interrupted");
    } catch (RuntimeException e) {
      log.error("a command failed unexpectedly: " + e.getClass().getSimpleName());
      return Reply.error("failed unexpectedly (" + e.getClass().getSimpleName() + "); see the bot's log");
    }
  }

  /**
   * The acknowledgement's JSON when the line is answered at once ({@link CommandRouter#routeAtOnce}:
   * nothing in it waits for a Vast call, SSH, a sweep, the store's writers or the first list), else
   * null (slow work). One rendering per line a second serves a burst ({@link SharedAnswers}), except
   * for an answer about the caller ({@code personal}), rendered for each.
   */
  private String answerAtOnce(String responseType, String line, Caller caller, boolean personal) {
    java.util.function.Supplier<String> render = () -> routeAtOnce(line, caller)
        .map(reply -> JSON.toJson(response(reply, responseType))).orElse(null);
    return personal ? render.get() : answers.get(responseType + " " + line, render);
  }

  private Optional<Reply> routeAtOnce(String line, Caller caller) {
    try {
      return router.routeAtOnce(line, caller, snapshotReady.getAsBoolean());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(Reply.error("interrupted"));
    } catch (RuntimeException e) {
      log.error("a command failed unexpectedly: " + e.getClass().getSimpleName());
      return Optional.of(Reply.error("failed unexpectedly (" + e.getClass().getSimpleName() + "); see the bot's log"));
    }
  }

  /** Whether this delivery is new: Slack's retries and a second click run nothing again. */
  boolean firstDelivery(String key) {
    return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
  }

  private SlashCommandResponse response(Reply reply, String responseType) {
    SlackMessage message = blocks.message(reply);
    return SlashCommandResponse.builder()
        .responseType(responseType)
        .text(message.text())
        .blocks(message.blocks())
        .build();
  }

  private SlashCommandResponse ephemeral(Reply reply) {
    return response(reply, "ephemeral");
  }

  /** A word as the router's tokenizer reads it back: quoted when it holds a space or a quote. */
  private static String quoted(String word) {
    if (!word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
      return word;
    }
    return word.indexOf('"') < 0 ? "\"" + word + "\"" : "'" + word.replace("'", "") + "'";
  }
}
