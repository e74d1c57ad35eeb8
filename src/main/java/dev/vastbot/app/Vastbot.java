package dev.vastbot.app;

import dev.vastbot.service.health.RecordingRules;
import dev.vastbot.service.health.HealthProbe;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.Instance;
import dev.vastbot.service.provision.InstanceWaiter;
import dev.vastbot.fleet.port.Pause;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.service.provision.Provisioner;
import dev.vastbot.service.access.AccessPolicy;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.access.Role;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.fleet.approval.ApprovalPolicy;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.chat.command.AuditCommand;
import dev.vastbot.chat.command.PolicyCommand;
import dev.vastbot.chat.command.CommandHandler;
import dev.vastbot.chat.command.DecideCommand;
import dev.vastbot.chat.command.ShutdownCommand;
import dev.vastbot.chat.command.SyncCommand;
import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.service.termination.TerminationRunner;
import dev.vastbot.service.termination.TerminationSettings;
import dev.vastbot.service.approval.ApprovalDesk;
import dev.vastbot.service.termination.InstanceAccount;
import dev.vastbot.service.termination.InstanceWork;
import dev.vastbot.service.termination.Terminator;
import dev.vastbot.chat.command.CommandRouter;
import dev.vastbot.chat.command.ForgetHostKeyCommand;
import dev.vastbot.chat.command.HealthCommand;
import dev.vastbot.chat.command.KeepaliveCommand;
import dev.vastbot.chat.command.ListCommand;
import dev.vastbot.chat.command.LogsCommand;
import dev.vastbot.chat.command.OffersCommand;
import dev.vastbot.chat.command.P2pCommand;
import dev.vastbot.chat.command.ProvisionCommand;
import dev.vastbot.chat.command.RestartCommand;
import dev.vastbot.chat.command.StatusCommand;
import dev.vastbot.chat.command.CostCommand;
import dev.vastbot.service.autoscale.Autoscaler;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.reservation.ReservationCheck;
import dev.vastbot.service.autoscale.SpendSoFarReader;
import dev.vastbot.chat.command.ScaleCommand;
import dev.vastbot.service.cost.ChargesCheck;
import dev.vastbot.fleet.port.ChargesSource;
import dev.vastbot.service.cost.CostWarning;
import dev.vastbot.service.cost.DailyReconciliation;
import dev.vastbot.service.cost.LedgerUpkeep;
import dev.vastbot.fleet.cost.SpendLedger;
import dev.vastbot.service.cost.SpendTracker;
import dev.vastbot.chat.command.StopCommand;
import dev.vastbot.fleet.health.HealthClassifier;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.fleet.health.HealthThresholds;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.health.ProbeSettings;
import dev.vastbot.service.health.SetupWatch;
import dev.vastbot.service.loop.BackgroundLoop;
import dev.vastbot.fleet.port.LoopTask;
import dev.vastbot.fleet.port.TaskScheduler;
import dev.vastbot.service.p2p.P2pNetwork;
import dev.vastbot.service.p2p.RejoinWait;
import dev.vastbot.fleet.port.PeerDirectory;
import dev.vastbot.fleet.port.HostKeyPins;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.service.reservation.Reserver;
import dev.vastbot.service.work.InstanceSetup;
import dev.vastbot.service.work.InstanceRestarts;
import dev.vastbot.service.work.Keepalive;
import dev.vastbot.fleet.work.KeepalivePolicy;
import dev.vastbot.fleet.work.KeepaliveReport;
import dev.vastbot.service.work.WorkerControl;
import dev.vastbot.ssh.BoundedHostJson;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.vastbot.demand.DemandSignals;
/**
 * The composition root: builds every service once from the adapters it is given, and owns their
 * lifetimes. Console, CLI and Slack all talk to the same router.
 */
public final class Vastbot implements AutoCloseable {
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SSH_WAIT = Duration.ofSeconds(90);
  private static final Duration SYNC_DEADLINE = Duration.ofHours(1);
  private static final Duration GONE_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration TERMINATIONS_INTERVAL = Duration.ofMinutes(1);
  private static final Duration SPEND_GAP_CAP = Duration.ofMinutes(15);
  private static final Duration CHARGES_TTL = Duration.ofHours(1);
  private final Parts parts;
  private final java.util.concurrent.ExecutorService snapshotRefresher;
  private final CachedFleetSnapshots snapshots;
  private final GpuProvider provider;
  private final HealthSweep sweep;
  private final Keepalive keepalive;
  private final P2pNetwork network;
  private final WorkerControl workerControl;
  private final ApprovalDesk desk;
  private final Terminator terminator;
  private final TerminationRunner terminations;
  private final LifecycleAlerts lifecycle;
  private final List<BackgroundLoop> loops;
  private final CommandRouter router;
  private final BotMetrics metrics;
  private final SpendTracker spend;
  private final Autoscaler autoscaler;
  private static final String AUTOSCALER_LOOP = "autoscaler";
  private static final String DEMAND_LOOP = "demand";

  /** The adapters and settings the bot is made of. */
  public record Parts(VastbotConfig config, ProvisionPolicy policy, GpuProvider provider, FleetStore store,
      HostKeyPins pins, RemoteShell shell, DataSync dataSync, Supplier<Optional<String>> sshPublicKey, AlertSink alerts,
      PeerDirectory peers, Clock clock, Pause pause, List<CommandHandler> extraCommands, int unhealthyAlertAfter,
      dev.vastbot.config.CostWarningAlert costWarning) {

    /** Parts with notification_hooks.yaml's default cost warning (its threshold, no webhook). */
    public Parts(VastbotConfig config, ProvisionPolicy policy, GpuProvider provider, FleetStore store,
        HostKeyPins pins, RemoteShell shell, DataSync dataSync, Supplier<Optional<String>> sshPublicKey,
        AlertSink alerts, PeerDirectory peers, Clock clock, Pause pause, List<CommandHandler> extraCommands,
        int unhealthyAlertAfter) {
      this(config, policy, provider, store, pins, shell, dataSync, sshPublicKey, alerts, peers, clock, pause,
          extraCommands, unhealthyAlertAfter, dev.vastbot.config.CostWarningAlert.off());
    }

    /**
     * Parts whose "unhealthy" alert fires after notification_hooks.yaml's default threshold of
     * failed checks in a row.
     */
    public Parts(VastbotConfig config, ProvisionPolicy policy, GpuProvider provider, FleetStore store,
        HostKeyPins pins, RemoteShell shell, DataSync dataSync, Supplier<Optional<String>> sshPublicKey,
        AlertSink alerts, PeerDirectory peers, Clock clock, Pause pause, List<CommandHandler> extraCommands) {
      this(config, policy, provider, store, pins, shell, dataSync, sshPublicKey, alerts, peers, clock, pause,
          extraCommands, dev.vastbot.config.InstanceUnhealthyAlert.DEFAULT_THRESHOLD);
    }

    /** The same parts with another configuration. */
    public Parts withConfig(VastbotConfig other) {
      return new Parts(other, policy, provider, store, pins, shell, dataSync, sshPublicKey, alerts, peers, clock,
          pause, extraCommands, unhealthyAlertAfter, costWarning);
    }

    /** Today's forecast spend that raises the cost warning (notification_hooks.yaml's daily_threshold). */
    public double costWarningThreshold() {
      return costWarning.dailyThreshold();
    }

    /** The spend ledger's time zone: the autoscaler policy's, where its days and months are read. */
    public ZoneId spendZone() {
      return config.autoscaler().zone();
    }
  }

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
    this.parts = parts;
    this.metrics = metrics;
    VastbotConfig config = parts.config();
    Clock clock = parts.clock();
    this.snapshotRefresher = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "vastbot-snapshot");
      thread.setDaemon(true);
      return thread;
    });
    this.spend = new SpendTracker(parts.store(), new SpendLedger(parts.spendZone(), spendGapCap(config)),
        new CostWarning(parts.costWarningThreshold()), parts.alerts());
    ChargesCheck charges = new ChargesCheck(parts.provider() instanceof ChargesSource source
        ? new CachedCharges(source, clock, CHARGES_TTL) : null, parts.store(), parts.spendZone());
    this.snapshots = new CachedFleetSnapshots(parts.provider(), parts.store(), clock,
        config.health().snapshotMaxAge(), snapshotRefresher, new LedgerUpkeep(spend,
            new DailyReconciliation(charges, parts.store(), parts.alerts(), parts.spendZone())));
    metrics.bindGauges(parts.store(), snapshots);
    this.provider = new SnapshotKeepingProvider(parts.provider(), snapshots);
    var waiter = new InstanceWaiter(provider, clock, parts.pause());
    Duration commandDeadline = config.health().connectTimeout().plus(config.health().commandTimeout());
    var workers = config.workers();
    var probe = new ProbeSettings(workers.processPattern(), workers.gamesCommand(), config.p2p().port(),
        config.p2p().healthPath());
    var hostJson = new BoundedHostJson();
    var thresholds = new HealthThresholds(config.health().gpuUtilTargetPercent(),
        config.health().memoryWarningPercent(), config.health().diskWarningPercent());
    var setups = new SetupWatch(parts.store(), clock, config.health().setupDeadline());
    this.sweep = new HealthSweep(parts.shell(), parts.store(), parts.alerts(),
        new HealthProbe(probe, commandDeadline, new HealthClassifier(thresholds, hostJson)), clock,
        new RecordingRules(config.health().idleGpuPercent(), parts.unhealthyAlertAfter()), setups);
    this.workerControl = new WorkerControl(parts.shell(), workers.commands(), workers.workloads(),
        commandDeadline.plus(Duration.ofSeconds(30)));
    var policy = new KeepalivePolicy(config.keepalive().restartTimeout(), parts.policy().pollInterval(),
        config.health().failuresBeforeAction(), commandDeadline);
    this.network = new P2pNetwork(snapshots, parts.shell(), config.p2p().commands(), parts.peers(), commandDeadline,
        new RejoinWait(JOIN_TIMEOUT, clock, parts.pause()), hostJson);
    var setup = new InstanceSetup(parts.shell(), workerControl, network, clock, parts.pause(), SSH_WAIT);
    Provisioner.InstancePreparation prepare = instance -> parts.sshPublicKey().get().isPresent()
        ? setup.prepare(instance) : "no usable SSH key (VAST_SSH_KEY): workers and P2P not started";
    this.keepalive = new Keepalive(snapshots, parts.shell(), parts.store(), sweep, workerControl,
        new InstanceRestarts(provider, waiter, prepare), policy, clock);

    var access = new AccessPolicy(Role.of("slack.operators", config.slack().operators()),
        Role.of("slack.approvers", config.slack().approvers()), channels, groups);
    this.desk = new ApprovalDesk(parts.store(), new ApprovalPolicy(access::isApprover,
        config.slack().allowSelfApproval(), config.slack().approvalTimeout()), prompts, clock);
    this.terminator = new Terminator(new InstanceAccount(provider, snapshots, waiter, parts.pause()), parts.store(),
        metrics.measured(parts.dataSync()), new InstanceWork(workerControl, network), parts.alerts(), desk,
        new TerminationSettings(config.sync().paths(), config.sync().localDir(), SYNC_DEADLINE,
            config.keepalive().restartTimeout(), parts.policy().pollInterval(), GONE_TIMEOUT,
            java.util.Set.copyOf(config.sync().optionalPaths())),
        clock);
    this.terminations = new TerminationRunner(terminator, terminationThreads(config.sync().parallelTerminations()),
        config.sync().parallelTerminations());
    var provisioner = new Provisioner(provider, parts.store(), waiter, parts.policy(), clock,
        parts.sshPublicKey(), prepare, desk, reserver(parts));
    this.lifecycle = new LifecycleAlerts(parts.alerts(), parts.store(), clock);
    this.autoscaler = new Autoscaler(config.autoscaler(), snapshots, provider, parts.store(),
        new DemandSignals(network), provisioner, terminator, instances -> sweep.sweep(instances).stream()
            .collect(java.util.stream.Collectors.toMap(checked -> checked.instance().id(),
                checked -> checked.assessment().level(), (a, b) -> b)), clock,
        java.util.Optional.of(new dev.vastbot.service.autoscale.WarmPoolActions(provider, parts.store(),
            reserver(parts), terminator, clock, parts.pause(), config.keepalive().restartTimeout(),
            config.autoscaler().reaction().bootEstimate(), parts.policy().pollInterval(), prepare)));
    var loopList = new ArrayList<>(List.of(
        loop("health", config.health().interval(), this::healthTick),
        loop("keepalive", config.keepalive().interval(), this::keepaliveTick),
        loop("terminations", TERMINATIONS_INTERVAL, this::terminationsTick),
        loop(AUTOSCALER_LOOP, config.autoscaler().tickInterval(), this::autoscalerTick)));
    if (config.autoscaler().reaction().polls()) {
      loopList.add(loop(DEMAND_LOOP, config.autoscaler().reaction().demandPoll(), this::demandPollTick));
    }
    this.loops = List.copyOf(loopList);
    List<CommandHandler> commands = new ArrayList<>(List.of(
        new StatusCommand(snapshots, parts.store(), clock, loops),
        new ListCommand(snapshots, clock, workers.workloads(), () -> setups.starting().keySet(),
            parts.store()::poolMembers),
        new OffersCommand(provider, parts.policy().diskGb()),
        new ProvisionCommand(provisioner),
        new HealthCommand(snapshots, sweep, clock),
        new KeepaliveCommand(keepalive),
        new RestartCommand(keepalive),
        new StopCommand(keepalive),
        new P2pCommand(network),
        new LogsCommand(snapshots, network, workerControl),
        new ForgetHostKeyCommand(parts.pins(), parts.store(), clock),
        new ShutdownCommand(terminator),
        // a group's request (the autoscaler's, or a person's scale-up) is re-priced and rented as the group
        // rents; any other provision as a person's
        DecideCommand.approve(terminator, provisioner, autoscaler::runApproved),
        DecideCommand.deny(terminator, provisioner),
        new SyncCommand(terminator, parts.store(), clock),
        new CostCommand(snapshots, parts.store(), clock, parts.spendZone(), config.budgets().dailyUsd(),
            config.budgets().monthlyUsd(), charges)));
    commands.add(new AuditCommand(parts.store(), clock));
    commands.add(new PolicyCommand(config.autoscaler(), this::observeGroups, clock, parts.store()::poolMembers));
    commands.add(ScaleCommand.up(autoscaler));
    commands.add(ScaleCommand.down(autoscaler));
    commands.add(ScaleCommand.tickNow(autoscaler));
    commands.addAll(parts.extraCommands());
    this.router = new CommandRouter(commands, access, parts.store()::appendAudit, clock);
  }

  /**
   * Every rent's reservations: checked against {@code scaling.max_instances}, the autoscaler
   * groups' windows and every budget, with this month's spend from the store's ledger.
   */
  private static Reserver reserver(Parts parts) {
    AutoscalerPolicy autoscaler = parts.config().autoscaler();
    FleetStore store = parts.store();
    Clock clock = parts.clock();
    return new Reserver(store, new ReservationCheck(parts.policy().maxInstances(), autoscaler),
        group -> SpendSoFarReader.read(store, clock.instant().atZone(autoscaler.zone())).of(group, List.of()),
        Reserver.leaseFor(parts.policy().bootTimeout()), clock);
  }

  /** A loop whose ticks are counted and timed under its name. */
  private BackgroundLoop loop(String name, Duration interval, LoopTask task) {
    return new BackgroundLoop(name, interval, metrics.timed(name, task), parts.store(), parts.clock());
  }

  /**
   * Lists the fleet (replacing the shared snapshot; the list accrues the spend ledger, as every list
   * does), tells of instances lost, and sweeps it.
   */
  private String healthTick() {
    List<Instance> instances = snapshots.refresh().instances();
    lifecycle.observe(instances);
    List<HostHealth> results = metrics.timeSweep(() -> sweep.sweep(instances));
    Map<String, Long> byLevel = results.stream().collect(Collectors.groupingBy(
        h -> h.assessment().level().display(), TreeMap::new, Collectors.counting()));
    return results.isEmpty() ? "no running instance" : byLevel.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
  }

  /**
   * The longest span between two lists of the fleet the ledger bills: three health intervals (two
   * missed ticks of {@code serve}), at least {@link #SPEND_GAP_CAP}, which also covers cron verbs
   * run every 10 or 15 minutes; a longer gap (nothing listed the fleet) is billed for that long only.
   */
  private static Duration spendGapCap(VastbotConfig config) {
    Duration threeTicks = config.health().interval().multipliedBy(3);
    return threeTicks.compareTo(SPEND_GAP_CAP) > 0 ? threeTicks : SPEND_GAP_CAP;
  }

  private String keepaliveTick() throws InterruptedException {
    KeepaliveReport report = keepalive.auto(new Actor("loop:keepalive"), false);
    long restarted = report.restartedInstances().values().stream().filter(Keepalive.RUNNING_AGAIN::equals).count();
    return report.health().size() + " checked, " + restarted + " stopped instance(s) restarted, "
        + report.workerRestarts().size() + " worker restart(s), " + report.skipped().size() + " waiting";
  }

  /**
   * Expires approval requests nobody decided in time and hands the unfinished terminations not
   * already running to their own threads ({@code sync.parallel_terminations} at a time; after a
   * restart, this resumes them from the step they were in). Never waits for one.
   */
  private String terminationsTick() {
    return terminations.handOut().summary();
  }

  /** Daemon threads named vastbot-termination-N, one per termination running side by side. */
  private static ExecutorService terminationThreads(int count) {
    var counter = new AtomicInteger();
    return Executors.newFixedThreadPool(count, runnable -> {
      Thread thread = new Thread(runnable, "vastbot-termination-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** One autoscaler tick over every group: one line per group's decision. */
  private String autoscalerTick() throws InterruptedException {
    return autoscaler.tick(false).stream().map(outcome -> outcome.decision().group() + ": "
        + outcome.decision().kind().name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
  }

  /** One demand poll between ticks: a line per group the trigger decided at once. */
  private String demandPollTick() throws InterruptedException {
    List<Autoscaler.Outcome> decided = autoscaler.poll();
    return decided.isEmpty() ? "no trigger" : decided.stream().map(outcome -> outcome.decision().group()
        + ": triggered, " + outcome.decision().kind().name().toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  /** What every group looks like now, and whether its demand was read, for {@code /vast policy}'s "now:" lines. */
  private Map<String, dev.vastbot.fleet.autoscale.PolicyView.Seen> observeGroups() throws InterruptedException {
    var observed = new java.util.LinkedHashMap<String, dev.vastbot.fleet.autoscale.PolicyView.Seen>();
    autoscaler.observe().forEach((name, group) -> observed.put(name,
        new dev.vastbot.fleet.autoscale.PolicyView.Seen(group.observation(), group.demandKnown(),
            parts.store().demandReadings(name))));
    return observed;
  }

  /**
   * Starts the background loops; the first ticks come after a short delay, the autoscaler's after
   * one interval (as its cron line did), so a start never scales before anyone has looked.
   */
  public void startLoops(TaskScheduler scheduler) {
    loops.forEach(loop -> loop.start(scheduler, loop.name().equals(AUTOSCALER_LOOP)
        ? parts.config().autoscaler().tickInterval()
        : loop.name().equals(DEMAND_LOOP) ? loop.interval() : Duration.ofSeconds(5)));
  }

  /** The autoscaler: its tick, and the scale-up and scale-down people ask for. */
  public Autoscaler autoscaler() {
    return autoscaler;
  }

  /** Where every approval request is asked for and decided (terminations, provisions over the limits). */
  public ApprovalDesk approvalDesk() {
    return desk;
  }

  /** Safe termination: approval, quiesce, sync, verify, destroy. */
  public Terminator terminator() {
    return terminator;
  }

  /** The terminations loop's runner: which terminations run side by side now. */
  public TerminationRunner terminations() {
    return terminations;
  }

  /** The fleet snapshot the loops and commands share. */
  public FleetSnapshots snapshots() {
    return snapshots;
  }

  /** The background loops ({@link #startLoops} schedules them). */
  public List<BackgroundLoop> loops() {
    return loops;
  }

  /** The provider as the bot uses it: what it answers keeps the shared snapshot current. */
  public GpuProvider provider() {
    return provider;
  }

  public FleetStore store() {
    return parts.store();
  }

  public HealthSweep healthSweep() {
    return sweep;
  }

  public Keepalive keepalive() {
    return keepalive;
  }

  public WorkerControl workers() {
    return workerControl;
  }

  public P2pNetwork p2p() {
    return network;
  }

  public CommandRouter router() {
    return router;
  }

  /** The bot's meters ({@link BotMetrics#scrape()} is what {@code GET /metrics} serves). */
  public BotMetrics metrics() {
    return metrics;
  }

  /** The spend ledger, as every list of the fleet keeps it. */
  public SpendTracker spend() {
    return spend;
  }

  @Override
  public void close() {
    loops.forEach(BackgroundLoop::stop);
    terminations.close();
    snapshotRefresher.shutdownNow();
    parts.shell().close();
    parts.store().close();
  }
}
