package dev.vastbot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.vastbot.chat.command.CommandAttachments;
import dev.vastbot.chat.command.CommandRouter;
import dev.vastbot.fleet.Actor;
import dev.vastbot.service.access.AccessPolicy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack face of the bot: a Bolt {@link App} that answers {@code /vast ...} ({@link
 * SlashCommands}) and the Approve and Deny buttons of approval prompts ({@link ApprovalClicks})
 * through the same router as the console, acknowledging each within Slack's 3-second deadline,
 * whatever the bot is doing (a first list, a sweep of a thousand hosts) ({@link Acknowledgements}).
 * A slash command's text is parsed once, by the chat front end; a click calls the decision typed.
 * Who may run what, and where, is the router's {@link AccessPolicy}. A delivery seen before (the
 * same trigger, the same click) runs nothing a second time.
 *
 * <p>Serving it is the caller's: {@link HttpFront} for HTTP mode, Bolt's SocketModeApp for Socket
 * Mode. Thread-safe.
 */
public final class SlackBot {
  private static final Logger log = LoggerFactory.getLogger(SlackBot.class);
  private static final String COMMAND = "/vast";
  /** Who the warm-up's renderings are for: read-only answers are the same for everyone. */
  private static final Actor WARM_UP = new Actor("vastbot-warm-up");
  /** How long after a person's command the start-up warm-up sends nothing. */
  private static final long MAKE_WAY_MILLIS = 250;
  private final SlackSettings settings;
  private final SlashCommands commands;
  private final App app;
  private final BooleanSupplier snapshotReady;
  private final Clock clock;

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
      Clock clock, SlackOutbox outbox, CommandAttachments attachments, BooleanSupplier snapshotReady) {
    this.settings = settings;
    this.clock = clock;
    this.snapshotReady = snapshotReady;
    var acks = new Acknowledgements(blocks, outbox, new ResponseUrlPolicy(settings.allowLoopbackResponseUrl()), clock);
    this.commands = new SlashCommands(settings, router, acks, work, clock, outbox, attachments, snapshotReady);
    var clicks = new ApprovalClicks(router, acks, work);
    this.app = new SigningApp(appConfig(settings));
    app.command(COMMAND, commands::onCommand);
    app.blockAction(Pattern.compile(SlackApprovalPrompts.APPROVE + "|" + SlackApprovalPrompts.DENY), clicks::onClick);
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
        .run(limits, () -> render(texts), () -> clock.millis() - commands.lastPersonsCommand() < MAKE_WAY_MILLIS);
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
    commands.renderAtOnce(texts.stream().map(text -> COMMAND + " " + text).toList(), WARM_UP);
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

  /**
   * Whether a command came from a direct message: Slack gives DMs ids starting with D and the name
   * {@code directmessage}, and group DMs names starting with {@code mpdm-}.
   */
  static boolean directMessage(String channelId, String channelName) {
    return channelId != null && channelId.startsWith("D") || "directmessage".equals(channelName)
        || channelName != null && channelName.startsWith("mpdm-");
  }
}
