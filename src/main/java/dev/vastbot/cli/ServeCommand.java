package dev.vastbot.cli;

import com.github.benmanes.caffeine.cache.Ticker;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.socket_mode.SocketModeClient;
import dev.vastbot.app.AlertRoutes;
import dev.vastbot.app.ExecutorTaskScheduler;
import dev.vastbot.app.LoggedAlerts;
import dev.vastbot.app.Vastbot;
import dev.vastbot.chart.CostChart;
import dev.vastbot.config.ConfigException;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.access.Role;
import dev.vastbot.fleet.alert.AlertPlanner;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.fleet.text.SafeText;
import dev.vastbot.slack.AckWarmUp;
import dev.vastbot.slack.HttpFront;
import dev.vastbot.slack.HttpLimits;
import dev.vastbot.slack.SlackAlertSink;
import dev.vastbot.slack.SlackApprovalPrompts;
import dev.vastbot.slack.SlackBot;
import dev.vastbot.slack.SlackChannels;
import dev.vastbot.slack.SlackDelivery;
import dev.vastbot.slack.SlackOutbox;
import dev.vastbot.slack.SlackSettings;
import dev.vastbot.slack.SlackUserGroups;
import dev.vastbot.store.JdbcFleetStore;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vastbot serve}: the bot for real. Socket Mode when {@code SLACK_APP_TOKEN} is set (no
 * public URL needed), else HTTP mode at {@code POST /slack/events} on {@code --http-port}; in both
 * modes {@code GET /healthz} and {@code GET /metrics} on the HTTP port, which listens on 127.0.0.1
 * unless {@code --http-host} says otherwise (a TLS reverse proxy in front of it takes Slack's
 * calls). It also runs the loops (health, keepalive, terminations, which resumes unfinished
 * operations) and logs to stdout.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the Slack bot (Socket Mode with SLACK_APP_TOKEN, else HTTP mode) and the loops.")
public final class ServeCommand implements Callable<Integer> {
  static final String DEFAULT_API_URL = "https://slack.com/api/";
  /** Threads that answer Slack's HTTP requests. Public, as the next two, for {@code bench-ack}, which serves so. */
  public static final int HTTP_THREADS = 16;
  /** Threads that run the commands a Slack request acknowledged and answers later. */
  public static final int WORK_THREADS = 8;
  private static final java.time.Duration GROUPS_BOUND = java.time.Duration.ofSeconds(10);
  /** How often each snapshot answer is rendered once the first list is in (about 0.3 s of CPU at 1,000). */
  private static final int RENDERS_AFTER_THE_FIRST_LIST = 30;
  private final CliContext context;

  @Option(names = "--http-port", defaultValue = "3000", description = "HTTP port (default ${DEFAULT-VALUE})")
  int httpPort;

  @Option(names = "--http-host", defaultValue = "127.0.0.1",
      description = "address to listen on (default ${DEFAULT-VALUE}, for a TLS reverse proxy on this machine; "
          + "0.0.0.0 for every interface)")
  String httpHost;

  ServeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    String appToken = blankToNull(context.env().get("SLACK_APP_TOKEN"));
    VastbotConfig config = BotAssembly.config(context);
    SlackSettings configured = slackSettings(config, appToken == null);
    MethodsClient methods = configured.botToken() == null ? null
        : SlackBot.slackClient(configured, context.http()).methods(configured.botToken());
    ChannelScope channels = channels(config, methods);
    SlackSettings slack = configured.withChannel(channels.idOf(config.slack().channel()).orElseThrow());
    UserGroups groups = userGroups(config, methods);
    ExecutorService work = Executors.newFixedThreadPool(WORK_THREADS);
    JdbcFleetStore store = JdbcFleetStore.open(config.store().jdbcUrl());
    var delivery = SlackDelivery.on(store, methods, context.http(), context.clock());
    var prompts = new SlackApprovalPrompts(delivery.outbox(), slack.channel(), store, context.clock());
    delivery.whenUndelivered(prompts::undelivered);
    try (Vastbot bot = BotAssembly.open(context, config, store, methods == null ? ApprovalPrompts.NONE : prompts,
            alerts(slack, methods, store, delivery.outbox(), config), channels, groups);
        var scheduler = new ExecutorTaskScheduler(4);
        // a thread of its own: a loop's long tick (a sweep, paced Vast calls) never holds up Slack
        var sending = new ExecutorTaskScheduler(1);
        delivery) {
      prompts.whenUndeliverable(bot.approvalDesk()::withdrawUndeliverable);
      delivery.start(sending);
      var slackBot = new SlackBot(slack, bot.router(), SlackBot.defaultBlocks(), work, context.clock(),
          delivery.outbox(), CostChart.attachments(
              bot.store(), bot.spend().zone(), config.budgets().dailyUsd(), context.clock()),
          () -> bot.snapshots().peek().isPresent());
      bot.startLoops(scheduler);
      var stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      SocketModeApp socket = null;
      try (HttpFront front = HttpFront.start(new InetSocketAddress(httpHost, httpPort),
          appToken == null ? Optional.of(slackBot.app()) : Optional.empty(), bot.metrics()::scrape, () -> true,
          HttpLimits.DEFAULT.withSlackWorkers(HTTP_THREADS), context.clock())) {
        socket = appToken == null ? null : socketMode(appToken, slackBot);
        context.out().println("vastbot serving on port " + front.port() + " ("
            + (socket == null ? "HTTP mode: POST /slack/events" : "Socket Mode") + "; GET /healthz, /metrics)");
        context.out().flush();
        boolean httpMode = socket == null;
        int port = front.port();
        work.submit(() -> firstListThenWarmUp(bot, slackBot, httpMode ? port : -1, context.http(),
            context.out()));
        stopped.await();
      } finally {
        if (socket != null) {
          socket.stop();
        }
      }
      return 0;
    } finally {
      work.shutdownNow();
    }
  }

  /**
   * The first list of the process, so that answers come from the snapshot, and in HTTP mode
   * ({@code port} at least 0) the acknowledgement path's warm-up ({@link AckWarmUp}) while the list
   * is on its way: signed commands that need no fleet, to itself, until the JIT has compiled them;
   * then, once the list is in, the snapshot answers rendered a few times in the process (nothing
   * sent), so that the first commands after a start are acknowledged as fast as later ones and
   * nothing of the warm-up competes with people's commands when the first sweep begins. Each says
   * so in one line on {@code out}. Also what {@code bench-ack --during-first-sweep} runs.
   *
   * @param http the process's HTTP client, which the warm-up derives its own from
   */
  public static void firstListThenWarmUp(Vastbot bot, SlackBot slackBot, int port, okhttp3.OkHttpClient http,
      java.io.PrintStream out) {
    var firstList = java.util.concurrent.CompletableFuture.runAsync(() -> bot.snapshots().current());
    if (port >= 0) {
      String said;
      try {
        said = slackBot.warmUp(port, AckWarmUp.Limits.SERVE, http).summary();
      } catch (RuntimeException failed) {
        said = "acknowledgement warm-up failed (" + failed.getClass().getSimpleName() + "); serving without it";
      }
      out.println(said);
      out.flush();
    }
    try {
      firstList.join();
    } catch (java.util.concurrent.CompletionException unavailable) {
      out.println("the first fleet list failed (" + unavailable.getCause().getMessage()
          + "); commands wait for the next one");
      out.flush();
      return;
    }
    if (port >= 0) {
      slackBot.warmRenders(RENDERS_AFTER_THE_FIRST_LIST);
    }
  }

  /**
   * The channels commands are accepted in, resolved to ids ({@code conversations.list} for names);
   * a channel Slack does not show the app stops the start with a message naming it.
   */
  private static ChannelScope channels(VastbotConfig config, MethodsClient methods) {
    try {
      return SlackChannels.resolve(methods, config.slack().commandChannels(), config.slack().allowDirectMessages());
    } catch (SlackChannels.UnresolvedChannelException unresolved) {
      throw new ConfigException("slack.channel / slack.channels: " + unresolved.getMessage());
    }
  }

  /**
   * The user groups named in slack.operators and slack.approvers, read once now (up to {@link
   * #GROUPS_BOUND}) and kept fresh; none without a bot token (then a group grants nothing, said once).
   */
  private UserGroups userGroups(VastbotConfig config, MethodsClient methods) {
    List<String> named = java.util.stream.Stream.concat(config.slack().operators().stream(),
        config.slack().approvers().stream()).filter(Role::isGroupId).distinct().toList();
    if (named.isEmpty()) {
      return UserGroups.NONE;
    }
    if (methods == null) {
      context.err().println("slack.operators / slack.approvers name user groups " + SafeText.forLogLine(named.toString())
          + ", but without SLACK_BOT_TOKEN their members cannot be read: they grant nothing");
      return UserGroups.NONE;
    }
    var groups = new SlackUserGroups(methods, Ticker.systemTicker(), ForkJoinPool.commonPool());
    groups.preload(named, GROUPS_BOUND);
    return groups;
  }

  /**
   * Alerts go to the log always, to Slack threads with a bot token, else to the webhooks of
   * notification_hooks.yaml when configured (no threads then); cost warnings to their own webhook
   * ({@link AlertRoutes}).
   */
  private AlertSink alerts(SlackSettings slack, MethodsClient methods, FleetStore store, SlackOutbox outbox,
      VastbotConfig config) {
    AlertSink threads = methods == null ? null
        : new SlackAlertSink(outbox, slack.channel(), store, new AlertPlanner(config.alerts()), context.clock());
    return AlertRoutes.of(new LoggedAlerts(),
        threads, ConfigLoader.loadNotificationHooks(BotAssembly.configDir(context), context.env()), context.http());
  }

  private static SocketModeApp socketMode(String appToken, SlackBot slackBot) throws Exception {
    var socket = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, slackBot.app());
    socket.startAsync();
    return socket;
  }

  /** The Slack settings from the environment; HTTP mode refuses to start without a signing secret. */
  SlackSettings slackSettings(VastbotConfig config, boolean httpMode) {
    String secret = blankToNull(context.env().get("SLACK_SIGNING_SECRET"));
    if (httpMode && secret == null) {
      throw new ConfigException("SLACK_SIGNING_SECRET: not set; HTTP mode verifies every Slack request with it "
          + "(Basic Information → Signing Secret in the app's settings), or set SLACK_APP_TOKEN for Socket Mode");
    }
    String apiUrl = Optional.ofNullable(blankToNull(context.env().get("SLACK_API_URL"))).orElse(DEFAULT_API_URL);
    return new SlackSettings(blankToNull(context.env().get("SLACK_BOT_TOKEN")), secret, apiUrl,
        config.slack().channel(), config.slack().allowLoopbackResponseUrl());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
