package dev.vastbot.app;

import dev.vastbot.chat.command.CommandHandler;
import dev.vastbot.chat.command.CommandRouter;
import dev.vastbot.config.CostWarningAlert;
import dev.vastbot.config.InstanceUnhealthyAlert;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.port.HostKeyPins;
import dev.vastbot.fleet.port.Pause;
import dev.vastbot.fleet.port.PeerDirectory;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.port.TaskScheduler;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.service.approval.ApprovalDesk;
import dev.vastbot.service.autoscale.Autoscaler;
import dev.vastbot.service.cost.SpendTracker;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.service.loop.BackgroundLoop;
import dev.vastbot.service.p2p.P2pNetwork;
import dev.vastbot.service.termination.Terminator;
import dev.vastbot.service.work.Keepalive;
import dev.vastbot.service.work.WorkerControl;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * The bot's lifetime: built by {@link Wiring} from its {@link Parts}, it starts the background
 * loops and stops everything in order. The accessors below are for the top level of the CLI verbs
 * and of tests (what a verb runs once, in its own thread); no loop, command handler or service is
 * ever given the bot, each gets what it needs in its constructor.
 */
public final class Vastbot implements AutoCloseable {
  private final Wiring wired;

  /** A background loop and how long after {@link #startLoops} its first tick comes. */
  public record ScheduledLoop(BackgroundLoop loop, Duration firstDelay) {}

  /**
   * What the bot is made of: its settings, its adapters, its time and any commands of the place it
   * runs (the demo's fault injection).
   */
  public record Parts(Settings settings, Adapters adapters, Clock clock, Pause pause,
      List<CommandHandler> extraCommands) {
    public Parts {
      Objects.requireNonNull(settings, "settings == null");
      Objects.requireNonNull(adapters, "adapters == null");
      Objects.requireNonNull(clock, "clock == null");
      Objects.requireNonNull(pause, "pause == null");
      extraCommands = List.copyOf(extraCommands);
    }

    /** The same parts with another configuration. */
    public Parts withConfig(VastbotConfig other) {
      return new Parts(settings.withConfig(other), adapters, clock, pause, extraCommands);
    }

    public VastbotConfig config() {
      return settings.config();
    }

    public ProvisionPolicy policy() {
      return settings.policy();
    }

    public int unhealthyAlertAfter() {
      return settings.unhealthyAlertAfter();
    }

    public CostWarningAlert costWarning() {
      return settings.costWarning();
    }

    public GpuProvider provider() {
      return adapters.provider();
    }

    public FleetStore store() {
      return adapters.store();
    }

    public HostKeyPins pins() {
      return adapters.pins();
    }

    public RemoteShell shell() {
      return adapters.ssh().shell();
    }

    public DataSync dataSync() {
      return adapters.ssh().dataSync();
    }

    public Supplier<Optional<String>> sshPublicKey() {
      return adapters.ssh().publicKey();
    }

    public AlertSink alerts() {
      return adapters.alerts();
    }

    public PeerDirectory peers() {
      return adapters.peers();
    }

    public OkHttpClient http() {
      return adapters.http();
    }

    /** Today's forecast spend that raises the cost warning (notification_hooks.yaml's daily_threshold). */
    public double costWarningThreshold() {
      return settings.costWarning().dailyThreshold();
    }

    /** The spend ledger's time zone: the autoscaler policy's, where its days and months are read. */
    public ZoneId spendZone() {
      return settings.config().autoscaler().zone();
    }
  }

  /**
   * The bot's settings: the configuration, the provisioning policy drawn from it (or the demo's),
   * and notification_hooks.yaml's unhealthy-alert threshold and cost warning.
   */
  public record Settings(VastbotConfig config, ProvisionPolicy policy, int unhealthyAlertAfter,
      CostWarningAlert costWarning) {
    /** The config's settings with notification_hooks.yaml's defaults (its threshold, no webhook). */
    public static Settings of(VastbotConfig config, ProvisionPolicy policy) {
      return new Settings(config, policy, InstanceUnhealthyAlert.DEFAULT_THRESHOLD, CostWarningAlert.off());
    }

    Settings withConfig(VastbotConfig other) {
      return new Settings(other, policy, unhealthyAlertAfter, costWarning);
    }
  }

  /**
   * The bot's adapters: the marketplace, the store (and its host-key pins), SSH, where alerts go,
   * the P2P peers, and the process's one HTTP client, which the demand signal's reads derive
   * theirs from.
   */
  public record Adapters(GpuProvider provider, FleetStore store, HostKeyPins pins, Ssh ssh, AlertSink alerts,
      PeerDirectory peers, OkHttpClient http) {
    /** Adapters with an HTTP client of their own (tests, which make no other). */
    public Adapters(GpuProvider provider, FleetStore store, HostKeyPins pins, Ssh ssh, AlertSink alerts,
        PeerDirectory peers) {
      this(provider, store, pins, ssh, alerts, peers, new OkHttpClient());
    }
  }

  /** SSH: the shell commands run through, the data sync, and the public key new instances get. */
  public record Ssh(RemoteShell shell, DataSync dataSync, Supplier<Optional<String>> publicKey) {}

  /** The bot with metrics of its own (nothing else reports to them). */
  public Vastbot(Parts parts) {
    this(parts, new BotMetrics(parts.clock()), ApprovalPrompts.NONE);
  }

  /**
   * @param metrics where the loops, syncs, sweeps and fleet gauges report; built by the caller when
   *     the Vast client it passes in reports there too
   */
  public Vastbot(Parts parts, BotMetrics metrics) {
    this(parts, metrics, ApprovalPrompts.NONE);
  }

  /**
   * The bot whose approval requests are also shown in {@code prompts} (Slack messages with buttons),
   * for local callers only: every Slack caller is refused.
   */
  public Vastbot(Parts parts, BotMetrics metrics, ApprovalPrompts prompts) {
    this(parts, metrics, prompts, ChannelScope.ofIds(List.of(), false), UserGroups.NONE);
  }

  /**
   * The bot as Slack sees it: commands accepted in {@code channels} (resolved to ids), roles read
   * from the config's {@code slack.operators} and {@code slack.approvers}, user groups from {@code
   * groups}.
   */
  public Vastbot(Parts parts, BotMetrics metrics, ApprovalPrompts prompts, ChannelScope channels,
      UserGroups groups) {
    this.wired = new Wiring(parts, metrics, prompts, channels, groups);
  }

  /**
   * Starts the background loops, each after its first delay (the autoscaler's is one interval), so
   * a start never scales before anyone has looked. Call once.
   *
   * @throws IllegalStateException when the loops already run
   */
  public void startLoops(TaskScheduler scheduler) {
    wired.loops.forEach(scheduled -> scheduled.loop().start(scheduler, scheduled.firstDelay()));
  }

  /** The autoscaler: its tick, and the scale-up and scale-down people ask for. */
  public Autoscaler autoscaler() {
    return wired.autoscaler;
  }

  /** Where every approval request is asked for and decided (terminations, provisions over the limits). */
  public ApprovalDesk approvalDesk() {
    return wired.desk;
  }

  /** Safe termination: approval, quiesce, sync, verify, destroy. */
  public Terminator terminator() {
    return wired.terminator;
  }

  /** The fleet snapshot the loops and commands share. */
  public FleetSnapshots snapshots() {
    return wired.snapshots;
  }

  /** The background loops ({@link #startLoops} schedules them). */
  public List<BackgroundLoop> loops() {
    return wired.loops.stream().map(ScheduledLoop::loop).toList();
  }

  /** The provider as the bot uses it: what it answers keeps the shared snapshot current. */
  public GpuProvider provider() {
    return wired.provider;
  }

  public FleetStore store() {
    return wired.parts.store();
  }

  public HealthSweep healthSweep() {
    return wired.sweep;
  }

  public Keepalive keepalive() {
    return wired.keepalive;
  }

  /** Starts, stops and restarts the workers on an instance. */
  public WorkerControl workers() {
    return wired.workers;
  }

  public P2pNetwork p2p() {
    return wired.network;
  }

  /** The commands, as the console, the CLI and Slack call them. */
  public CommandRouter router() {
    return wired.router;
  }

  /** The bot's meters ({@link BotMetrics#scrape()} is what {@code GET /metrics} serves). */
  public BotMetrics metrics() {
    return wired.metrics;
  }

  /** The spend ledger, as every list of the fleet keeps it. */
  public SpendTracker spend() {
    return wired.spend;
  }

  /**
   * Stops the loops, then the terminations' threads, the snapshot's refresher, the SSH client and
   * last the store, which the others write to until they stop.
   */
  @Override
  public void close() {
    wired.loops.forEach(scheduled -> scheduled.loop().stop());
    wired.terminations.close();
    wired.snapshotRefresher.shutdownNow();
    wired.parts.shell().close();
    wired.parts.store().close();
  }
}
