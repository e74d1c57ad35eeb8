package dev.vastbot.app;

import dev.vastbot.config.DistributedHostsFile;
import dev.vastbot.config.NotificationHooks;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.Pause;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.sim.host.SimHostFleet;
import dev.vastbot.ssh.SshKeys;
import dev.vastbot.store.JdbcFleetStore;
import dev.vastbot.vast.ApiKey;
import dev.vastbot.vast.VastClient;
import dev.vastbot.vast.VastClientSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * The whole system on one machine: the simulated marketplace on a loopback port, a simulated GPU
 * host (a real SSH server running real shell commands) for every running instance, the real Vast
 * client and SSH client talking to them, a fresh SQLite store and SSH key in a temporary folder,
 * and the bot. Instances boot in seconds, and the client does not pace itself (the simulated API
 * does not rate-limit unless a fault says so), so that a demo is quick.
 */
public final class DemoWorld implements AutoCloseable {
  private static final Duration DEMO_POLL = Duration.ofMillis(500);
  private static final Duration DEMO_BOOT_TIMEOUT = Duration.ofMinutes(2);

  private final SimMarketplace marketplace;
  private final SimVastServer server;
  private final SimHostFleet hosts;
  private final Vastbot bot;
  private final Path stateDir;
  private final DistributedHostsFile hostsFile;

  private DemoWorld(SimMarketplace marketplace, SimVastServer server, SimHostFleet hosts, Vastbot bot, Path stateDir,
      DistributedHostsFile hostsFile) {
    this.marketplace = marketplace;
    this.server = server;
    this.hosts = hosts;
    this.bot = bot;
    this.stateDir = stateDir;
    this.hostsFile = hostsFile;
  }

  public static DemoWorld start(VastbotConfig config, long seed, Clock clock) {
    return start(config, seed, clock, (String) null);
  }

  /** The demo whose HTTP clients (the Vast client's, the demand signal's) derive from {@code http}. */
  public static DemoWorld start(VastbotConfig config, long seed, Clock clock, OkHttpClient http) {
    return start(config, seed, clock, null, store -> ApprovalPrompts.NONE, ChannelScope.ofIds(List.of(), false),
        new LoggedAlerts(), Pause.sleeping(), http);
  }

  /**
   * The demo on a fresh SQLite file whose waits (the client's backoff, the bot's polls and
   * deadlines) go through {@code pause}: a test passes its clock's pause, which advances that clock
   * instead of sleeping, and the simulated marketplace boots and restarts on the same clock.
   */
  public static DemoWorld start(VastbotConfig config, long seed, Clock clock, Pause pause) {
    return start(config, seed, clock, null, store -> ApprovalPrompts.NONE, ChannelScope.ofIds(List.of(), false),
        new LoggedAlerts(), pause, new OkHttpClient());
  }

  /** The demo on the store at {@code jdbcUrl} (a fresh SQLite file when null). */
  public static DemoWorld start(VastbotConfig shipped, long seed, Clock clock, String jdbcUrl) {
    return start(shipped, seed, clock, jdbcUrl, store -> ApprovalPrompts.NONE);
  }

  /** The demo whose approval requests are also shown in the prompts made on its store (Slack, in tests). */
  public static DemoWorld start(VastbotConfig shipped, long seed, Clock clock, String jdbcUrl,
      java.util.function.Function<dev.vastbot.fleet.port.FleetStore, ApprovalPrompts> prompts) {
    return start(shipped, seed, clock, jdbcUrl, prompts, ChannelScope.ofIds(List.of(), false));
  }

  /** {@link #start(VastbotConfig, long, Clock, String, java.util.function.Function)} taking Slack commands in {@code channels}. */
  public static DemoWorld start(VastbotConfig shipped, long seed, Clock clock, String jdbcUrl,
      java.util.function.Function<dev.vastbot.fleet.port.FleetStore, ApprovalPrompts> prompts, ChannelScope channels) {
    return start(shipped, seed, clock, jdbcUrl, prompts, channels, new LoggedAlerts(), Pause.sleeping(),
        new OkHttpClient());
  }

  /** The demo on a fresh SQLite file whose alerts go to {@code alerts} instead of the log. */
  public static DemoWorld alertingTo(VastbotConfig shipped, long seed, Clock clock, AlertSink alerts) {
    return start(shipped, seed, clock, null, store -> ApprovalPrompts.NONE, ChannelScope.ofIds(List.of(), false),
        alerts, Pause.sleeping(), new OkHttpClient());
  }

  private static DemoWorld start(VastbotConfig shipped, long seed, Clock clock, String jdbcUrl,
      java.util.function.Function<dev.vastbot.fleet.port.FleetStore, ApprovalPrompts> prompts, ChannelScope channels,
      AlertSink alerts, Pause pause, OkHttpClient http) {
    Path stateDir = temporaryFolder();
    // A simulated host's root home is its own folder; the copies go to the demo's folder.
    VastbotConfig config = shipped.withSync(shipped.sync().underLoginHome().into(stateDir.resolve("sync")));
    var marketplace = new SimMarketplace(clock, SimSettings.defaults().withSeed(seed)
        .withBootDelays(Duration.ofMillis(500), Duration.ofMillis(1500)));
    var hosts = new SimHostFleet(folder(stateDir, "hosts"), marketplace::authorizedKeys, seed);
    marketplace.setHostAttachment(hosts);
    var server = SimVastServer.start(marketplace, 0);
    var settings = VastClientSettings.defaults(server.apiUrl(), ApiKey.of(marketplace.apiKey()))
        .withMinIntervals(Map.of())
        .withTime(clock, pause);
    var store = JdbcFleetStore.open(jdbcUrl != null ? jdbcUrl : JdbcFleetStore.defaultUrl(stateDir));
    Path key = stateDir.resolve("vast_ed25519");
    SshKeys.createEd25519(key, "vastbot-demo");
    ProvisionPolicy base = config.provisionPolicy();
    var policy = new ProvisionPolicy(base.image(), base.diskGb(), base.maxDph(), base.minReliability(),
        base.onstart(), base.env(), base.maxInstances(), DEMO_BOOT_TIMEOUT, DEMO_POLL, base.approvalUsdPerHour());
    var hostsFile = DistributedHostsFile.at(stateDir.resolve("distributed_hosts.yaml"));
    var hooks = NotificationHooks.disabled();
    var site = new BotSite(new Vastbot.Settings(config, policy, hooks.instanceUnhealthy().threshold(),
        hooks.costWarning()), store, observer -> VastClient.create(http, settings.withObserver(observer)), key,
        hostsFile, clock, pause, http);
    var front = new ChatFront(prompts.apply(store), alerts, channels, UserGroups.NONE,
        List.of(new SimFaultCommand(marketplace, hosts)));
    var bot = site.open(front);
    return new DemoWorld(marketplace, server, hosts, bot, stateDir, hostsFile);
  }

  public Vastbot bot() {
    return bot;
  }

  /** Where the demo's syncs copy instances' data ({@code <dir>/<instance-id>/...}). */
  public Path syncDir() {
    return stateDir.resolve("sync");
  }

  /** The simulated marketplace behind {@link #apiUrl()} (its faults and hooks). */
  public SimMarketplace marketplace() {
    return marketplace;
  }

  public SimHostFleet hosts() {
    return hosts;
  }

  /** The distributed_hosts.yaml whose peers the bot starts orchestrators with. */
  public DistributedHostsFile hostsFile() {
    return hostsFile;
  }

  public String apiUrl() {
    return server.apiUrl();
  }

  @Override
  public void close() {
    bot.close();
    server.close();
    hosts.close();
    TempFolders.deleteRecursively(stateDir);
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("vastbot-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the demo", e);
    }
  }

  private static Path folder(Path parent, String name) {
    try {
      return Files.createDirectories(parent.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + parent.resolve(name), e);
    }
  }
}
