package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.BotMetrics;
import dev.vastbot.app.LoggedAlerts;
import dev.vastbot.app.SshSetup;
import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.command.CommandAttachments;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.config.DistributedHostsFile;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.health.SweepProgress;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.Pause;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.hosts.HostsFilePeers;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.sim.HangingHostAttachment;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.ssh.SshKeys;
import dev.vastbot.store.JdbcFleetStore;
import dev.vastbot.testing.Eventually;
import dev.vastbot.vast.ApiKey;
import dev.vastbot.vast.VastClient;
import dev.vastbot.vast.VastClientSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The acknowledgement never waits, whatever the bot is doing: with a health sweep under way over
 * hosts that hang (a listener that takes the SSH connection and never answers, from the simulated
 * marketplace, through the real SSH client) and the store's write lock held by another connection
 * (a writer that does not let go), signed {@code /vast help}, {@code status}, {@code list} and
 * {@code health} through the HTTP port are each answered in their acknowledgement, well inside
 * Slack's 3 seconds; {@code health} says the sweep is in progress and how far it has come. Before
 * the first list, {@code help} and a line that does not parse are answered at once too. Everything
 * real: the simulated Vast API over HTTP, MINA's SSH client, a SQLite file, signed HTTP requests.
 */
class AckDuringSweepTest {
  private static final String SECRET = "test-signing-secret";
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  /** Far above an answer at once (milliseconds), under Slack's 3 s: a bound, not a timing. */
  private static final Duration ACK_BOUND = Duration.ofSeconds(2);
  private static final int INSTANCES = 12;

  @TempDir Path dir;
  private final SlackStandIn slack = SlackStandIn.start();
  private final SignedRequests signed = new SignedRequests(SECRET, Clock.systemUTC());
  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(ACK_BOUND).build();
  private final ExecutorService work = Executors.newFixedThreadPool(2);
  private final ExecutorService sweeping = Executors.newSingleThreadExecutor();
  private final AtomicInteger triggers = new AtomicInteger();
  private final HangingHostAttachment hangingHosts = new HangingHostAttachment(100);
  private SimVastServer vast;
  private JdbcFleetStore store;
  private Vastbot bot;
  private HttpFront front;
  private Connection writer;

  /** The bot on a SQLite file, against the simulated Vast API whose running instances all hang on SSH. */
  private void start(boolean snapshotReady) throws IOException {
    var marketplace = new SimMarketplace(Clock.systemUTC(), SimSettings.defaults().withSeed(7));
    marketplace.setHostAttachment(hangingHosts);
    marketplace.seedInstances(INSTANCES);
    vast = SimVastServer.start(marketplace, 0);
    Path key = dir.resolve("vast_ed25519");
    SshKeys.createEd25519(key, "ack-test");
    Files.writeString(dir.resolve("vastbot.yaml"), """
        vast:
          ssh_key: %s
        health:
          connect_timeout_seconds: 60
        """.formatted(key));
    VastbotConfig config = ConfigLoader.load(dir, Map.of(), dir);
    store = JdbcFleetStore.open("jdbc:sqlite:" + dir.resolve("vastbot.db"));
    var client = VastClient.create(new OkHttpClient(),
        VastClientSettings.defaults(vast.apiUrl(), ApiKey.of(marketplace.apiKey()))
        .withMinIntervals(Map.of()).withTime(Clock.systemUTC(), Pause.sleeping()));
    var shell = SshSetup.shell(config, store, Clock.systemUTC());
    var hostsFile = DistributedHostsFile.at(dir.resolve("distributed_hosts.yaml"));
    bot = new Vastbot(new Vastbot.Parts(Vastbot.Settings.of(config, config.provisionPolicy()),
        new Vastbot.Adapters(client, store, store, new Vastbot.Ssh(shell, SshSetup.dataSync(shell, config.sync()),
            Optional::empty), new LoggedAlerts(), new HostsFilePeers(hostsFile, 8770)),
        Clock.systemUTC(), Pause.sleeping(), List.of()), new BotMetrics(Clock.systemUTC()), ApprovalPrompts.NONE,
        ChannelScope.ofIds(List.of(SlackPayloads.CHANNEL_ID), false), UserGroups.NONE);
    var settings = new SlackSettings(SlackStandIn.BOT_TOKEN, SECRET, slack.methodsUrlPrefix(), SlackPayloads.CHANNEL_ID);
    var slackBot = new SlackBot(settings, bot.router(), SlackBot.defaultBlocks(), work, Clock.systemUTC(),
        SlackDelivery.on(store, null, new OkHttpClient(), Clock.systemUTC()).outbox(), CommandAttachments.NONE,
        () -> snapshotReady && bot.snapshots().peek().isPresent());
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(slackBot.app()),
        bot.metrics()::scrape, () -> true, 4);
  }

  @AfterEach
  void stop() throws SQLException {
    if (writer != null) {
      writer.rollback();
      writer.close();
    }
    if (front != null) {
      front.close();
    }
    work.shutdownNow();
    if (bot != null) {
      bot.close(); // closes the SSH client: the sweep's hung hosts end at once
    }
    sweeping.shutdownNow();
    if (vast != null) {
      vast.close();
    }
    hangingHosts.close();
    slack.close();
  }

  /** A writer on another connection that takes SQLite's write lock and keeps it until the test ends. */
  private void holdTheStoresWriteLock() throws SQLException {
    writer = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vastbot.db"));
    writer.setAutoCommit(false);
    try (Statement statement = writer.createStatement()) {
      statement.execute("INSERT INTO audit_log (at, actor, action, target, outcome) VALUES (0, 'test', 'hold',"
          + " 'the write lock', 'held')");
    }
  }

  private String acknowledgement(String text) throws IOException {
    var fields = SlackPayloads.slashCommandFields(text, slack.responseUrl("r" + triggers.incrementAndGet()));
    fields.put("trigger_id", "trigger-" + triggers.get());
    SignedRequests.SignedRequest request = signed.slashCommand(fields);
    var builder = new Request.Builder().url("http://127.0.0.1:" + front.port() + "/slack/events")
        .post(RequestBody.create(request.body(), FORM));
    request.headers().forEach(builder::header);
    try (Response response = http.newCall(builder.build()).execute()) { // fails past ACK_BOUND
      assertEquals(200, response.code());
      return response.body().string();
    }
  }

  @Test
  void duringASweepOfHungHosts_withTheWriteLockHeld_everyCommandIsAnsweredInItsAcknowledgement() throws Exception {
    start(true);
    int running = (int) bot.snapshots().refresh().instances().stream().filter(HealthSweep::probed).count();
    sweeping.submit(() -> bot.healthSweep().sweep(bot.snapshots().current().instances()));
    SweepProgress progress = Eventually.await("the sweep under way", () -> bot.healthSweep().inProgress(),
        Optional::isPresent).orElseThrow();
    assertEquals(running, progress.total());
    holdTheStoresWriteLock();

    assertTrue(acknowledgement("help").contains("vastbot commands"));
    String status = acknowledgement("status");
    assertTrue(status.contains("Fleet status") && status.contains(INSTANCES + " instance(s)"), status);
    assertTrue(acknowledgement("list").contains("Instances ("));
    String health = acknowledgement("health");
    assertTrue(health.contains("Sweep in progress, 0 of " + running + " checked"), health);
    assertTrue(health.contains(running + " running instance(s): no results yet"), health);
    assertTrue(bot.healthSweep().inProgress().isPresent(), "the hung hosts still hold the sweep");
  }

  @Test
  void beforeTheFirstList_helpAndALineThatDoesNotParse_areAnsweredInTheAcknowledgement() throws Exception {
    start(false);
    assertTrue(acknowledgement("help").contains("vastbot commands"));
    assertTrue(acknowledgement("frobnicate").contains("Unknown command"));
    assertTrue(acknowledgement("status").contains("Working on"), "status waits for the first list: slow work");
  }

  @Test
  void boltsAuthTest_isAskedAtStart_neverFromACommandsAcknowledgement() throws Exception {
    start(false);
    int atStart = slack.calls("auth.test").size();
    for (int i = 0; i < 3; i++) {
      acknowledgement("help");
    }
    assertTrue(atStart > 0, "asked when the app starts");
    assertEquals(atStart, slack.calls("auth.test").size(), "no auth.test on a command's thread");
  }
}
