package dev.vastbot.app;

import dev.vastbot.chat.command.AuditCommand;
import dev.vastbot.chat.command.CommandHandler;
import dev.vastbot.chat.command.CommandRouter;
import dev.vastbot.chat.command.CostCommand;
import dev.vastbot.chat.command.DecideCommand;
import dev.vastbot.chat.command.ForgetHostKeyCommand;
import dev.vastbot.chat.command.HealthCommand;
import dev.vastbot.chat.command.KeepaliveCommand;
import dev.vastbot.chat.command.ListCommand;
import dev.vastbot.chat.command.LogsCommand;
import dev.vastbot.chat.command.OffersCommand;
import dev.vastbot.chat.command.P2pCommand;
import dev.vastbot.chat.command.PolicyCommand;
import dev.vastbot.chat.command.ProvisionCommand;
import dev.vastbot.chat.command.RestartCommand;
import dev.vastbot.chat.command.ScaleCommand;
import dev.vastbot.chat.command.ShutdownCommand;
import dev.vastbot.chat.command.StatusCommand;
import dev.vastbot.chat.command.StopCommand;
import dev.vastbot.chat.command.SyncCommand;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.demand.DemandSignals;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.access.Role;
import dev.vastbot.fleet.approval.ApprovalPolicy;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.cost.SpendLedger;
import dev.vastbot.fleet.health.HealthClassifier;
import dev.vastbot.fleet.health.HealthThresholds;
import dev.vastbot.fleet.health.ProbeSettings;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.ChargesSource;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.port.LoopTask;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.fleet.reservation.ReservationCheck;
import dev.vastbot.fleet.work.KeepalivePolicy;
import dev.vastbot.service.access.AccessPolicy;
import dev.vastbot.service.approval.ApprovalDesk;
import dev.vastbot.service.autoscale.Autoscaler;
import dev.vastbot.service.autoscale.FleetHands;
import dev.vastbot.service.autoscale.FleetSight;
import dev.vastbot.service.autoscale.SpendSoFarReader;
import dev.vastbot.service.autoscale.WarmPoolActions;
import dev.vastbot.service.cost.ChargesCheck;
import dev.vastbot.service.cost.CostWarning;
import dev.vastbot.service.cost.DailyReconciliation;
import dev.vastbot.service.cost.LedgerUpkeep;
import dev.vastbot.service.cost.SpendTracker;
import dev.vastbot.service.health.HealthProbe;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.service.health.RecordingRules;
import dev.vastbot.service.health.SetupWatch;
import dev.vastbot.service.loop.AutoscalerTicks;
import dev.vastbot.service.loop.BackgroundLoop;
import dev.vastbot.service.loop.HealthTick;
import dev.vastbot.service.loop.KeepaliveTick;
import dev.vastbot.service.loop.LifecycleAlerts;
import dev.vastbot.service.p2p.P2pNetwork;
import dev.vastbot.service.p2p.RejoinWait;
import dev.vastbot.service.provision.InstanceWaiter;
import dev.vastbot.service.provision.Provisioner;
import dev.vastbot.service.provision.Readying;
import dev.vastbot.service.reservation.Reserver;
import dev.vastbot.service.termination.InstanceAccount;
import dev.vastbot.service.termination.InstanceWork;
import dev.vastbot.service.termination.TerminationRunner;
import dev.vastbot.service.termination.TerminationSettings;
import dev.vastbot.service.termination.Terminator;
import dev.vastbot.service.work.InstanceRestarts;
import dev.vastbot.service.work.InstanceSetup;
import dev.vastbot.service.work.Keepalive;
import dev.vastbot.service.work.WorkerControl;
import dev.vastbot.ssh.BoundedHostJson;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The one builder of the bot's services: every service, loop and command handler is made here,
 * once, from the adapters in {@link Vastbot.Parts} (real Vast or the simulator, Slack or the
 * console: the parts differ, this code does not). Each constructor is called in one place, and the
 * two decorators around the provider are put on in one order ({@link #decorate}). Nothing built
 * here is handed the {@link Vastbot}: what a loop, handler or service needs it gets in its
 * constructor. Made on one thread at start-up; the objects it made are thread-safe as documented
 * on each.
 *
 * <p>The constructor reads top to bottom in the order the objects depend on one another, and is
 * longer than the house's methods on purpose: one call per object, in one place, so a changed
 * constructor is changed here only. The class is about 300 lines for the same reason.
 */
final class Wiring {
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SSH_WAIT = Duration.ofSeconds(90);
  private static final Duration SYNC_DEADLINE = Duration.ofHours(1);
  private static final Duration GONE_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration TERMINATIONS_INTERVAL = Duration.ofMinutes(1);
  private static final Duration SPEND_GAP_CAP = Duration.ofMinutes(15);
  private static final Duration CHARGES_TTL = Duration.ofHours(1);
  private static final Duration FIRST_TICK = Duration.ofSeconds(5);

  final Vastbot.Parts parts;
  final BotMetrics metrics;
  final ExecutorService snapshotRefresher;
  final SpendTracker spend;
  final CachedFleetSnapshots snapshots;
  final GpuProvider provider;
  final HealthSweep sweep;
  final WorkerControl workers;
  final P2pNetwork network;
  final Keepalive keepalive;
  final ApprovalDesk desk;
  final Terminator terminator;
  final TerminationRunner terminations;
  final Autoscaler autoscaler;
  final List<Vastbot.ScheduledLoop> loops;
  final CommandRouter router;

  /** The shared snapshot and the provider that keeps it current. */
  private record Decorated(CachedFleetSnapshots snapshots, GpuProvider provider) {}

  /** What the command handlers use besides the fields. */
  private record Shared(SetupWatch setups, Provisioner provisioner) {}

  Wiring(Vastbot.Parts parts, BotMetrics metrics, ApprovalPrompts prompts, ChannelScope channels,
      UserGroups groups) {
    this.parts = parts;
    this.metrics = metrics;
    VastbotConfig config = parts.config();
    Clock clock = parts.clock();
    this.snapshotRefresher = Executors.newSingleThreadExecutor(daemonThreads("vastbot-snapshot", false));
    this.spend = new SpendTracker(parts.store(), new SpendLedger(parts.spendZone(), spendGapCap(config)),
        new CostWarning(parts.costWarningThreshold()), parts.alerts());
    ChargesCheck charges = new ChargesCheck(parts.provider() instanceof ChargesSource source
        ? new CachedCharges(source, clock, CHARGES_TTL) : null, parts.store(), parts.spendZone());
    Decorated decorated = decorate(parts, snapshotRefresher, new LedgerUpkeep(spend,
        new DailyReconciliation(charges, parts.store(), parts.alerts(), parts.spendZone())));
    this.snapshots = decorated.snapshots();
    this.provider = decorated.provider();
    metrics.bindGauges(parts.store(), snapshots);
    var waiter = new InstanceWaiter(provider, clock, parts.pause());
    var setups = new SetupWatch(parts.store(), clock, config.health().setupDeadline());
    var hostJson = new BoundedHostJson();
    this.sweep = healthSweep(parts, setups, hostJson);
    this.workers = new WorkerControl(parts.shell(), config.workers().commands(), config.workers().workloads(),
        commandDeadline(config).plus(Duration.ofSeconds(30)));
    this.network = new P2pNetwork(snapshots, parts.shell(), config.p2p().commands(), parts.peers(),
        commandDeadline(config), new RejoinWait(JOIN_TIMEOUT, clock, parts.pause()), hostJson);
    var setup = new InstanceSetup(parts.shell(), workers, network, clock, parts.pause(), SSH_WAIT);
    Provisioner.InstancePreparation prepare = instance -> parts.sshPublicKey().get().isPresent()
        ? setup.prepare(instance) : "no usable SSH key (VAST_SSH_KEY): workers and P2P not started";
    this.keepalive = new Keepalive(snapshots, parts.shell(), parts.store(), sweep, workers,
        new InstanceRestarts(provider, waiter, prepare), keepalivePolicy(parts), clock);
    var access = new AccessPolicy(Role.of("slack.operators", config.slack().operators()),
        Role.of("slack.approvers", config.slack().approvers()), channels, groups);
    this.desk = new ApprovalDesk(parts.store(), new ApprovalPolicy(access::isApprover,
        config.slack().allowSelfApproval(), config.slack().approvalTimeout()), prompts, clock);
    this.terminator = terminator(parts, decorated, metrics, new InstanceWork(workers, network), waiter, desk);
    this.terminations = new TerminationRunner(terminator,
        Executors.newFixedThreadPool(config.sync().parallelTerminations(), daemonThreads("vastbot-termination", true)),
        config.sync().parallelTerminations());
    Reserver reserver = reserver(parts);
    var provisioner = new Provisioner(provider, parts.store(), parts.policy(), clock,
        new Readying(waiter, parts.sshPublicKey(), prepare), desk, reserver);
    this.autoscaler = autoscaler(parts, decorated, provisioner, terminator, sweep, network, prepare, reserver);
    var ticks = new AutoscalerTicks(autoscaler, parts.store());
    this.loops = loops(new HealthTick(snapshots, new LifecycleAlerts(parts.alerts(), parts.store(), clock), sweep,
        metrics::timeSweep), new KeepaliveTick(keepalive), ticks);
    var shared = new Shared(setups, provisioner);
    this.router = new CommandRouter(commands(shared, charges, ticks), access, parts.store()::appendAudit, clock);
  }

  /**
   * The two decorators around the raw provider, in their one order: the snapshot cache lists the
   * raw provider (never itself through the keeper), and the provider everything else uses is the
   * raw one wrapped to keep that snapshot current after each act.
   */
  private static Decorated decorate(Vastbot.Parts parts, ExecutorService refresher, LedgerUpkeep upkeep) {
    var snapshots = new CachedFleetSnapshots(parts.provider(), parts.store(), parts.clock(),
        parts.config().health().snapshotMaxAge(), refresher, upkeep);
    return new Decorated(snapshots, new SnapshotKeepingProvider(parts.provider(), snapshots));
  }

  private static Duration commandDeadline(VastbotConfig config) {
    return config.health().connectTimeout().plus(config.health().commandTimeout());
  }

  private static HealthSweep healthSweep(Vastbot.Parts parts, SetupWatch setups, BoundedHostJson hostJson) {
    VastbotConfig config = parts.config();
    var workers = config.workers();
    var probe = new ProbeSettings(workers.processPattern(), workers.gamesCommand(), config.p2p().port(),
        config.p2p().healthPath());
    var thresholds = new HealthThresholds(config.health().gpuUtilTargetPercent(),
        config.health().memoryWarningPercent(), config.health().diskWarningPercent());
    return new HealthSweep(parts.shell(), parts.store(), parts.alerts(),
        new HealthProbe(probe, commandDeadline(config), new HealthClassifier(thresholds, hostJson)), parts.clock(),
        new RecordingRules(config.health().idleGpuPercent(), parts.unhealthyAlertAfter()), setups);
  }

  private static KeepalivePolicy keepalivePolicy(Vastbot.Parts parts) {
    VastbotConfig config = parts.config();
    return new KeepalivePolicy(config.keepalive().restartTimeout(), parts.policy().pollInterval(),
        config.health().failuresBeforeAction(), commandDeadline(config));
  }

  private static Terminator terminator(Vastbot.Parts parts, Decorated decorated, BotMetrics metrics,
      InstanceWork work, InstanceWaiter waiter, ApprovalDesk desk) {
    VastbotConfig config = parts.config();
    return new Terminator(new InstanceAccount(decorated.provider(), decorated.snapshots(), waiter, parts.pause()),
        parts.store(), metrics.measured(parts.dataSync()), work, parts.alerts(), desk,
        new TerminationSettings(config.sync().paths(), config.sync().localDir(), SYNC_DEADLINE,
            config.keepalive().restartTimeout(), parts.policy().pollInterval(), GONE_TIMEOUT,
            Set.copyOf(config.sync().optionalPaths())),
        parts.clock());
  }

  private static Autoscaler autoscaler(Vastbot.Parts parts, Decorated decorated, Provisioner provisioner,
      Terminator terminator, HealthSweep sweep, P2pNetwork network, Provisioner.InstancePreparation prepare,
      Reserver reserver) {
    VastbotConfig config = parts.config();
    GpuProvider provider = decorated.provider();
    var warmPool = new WarmPoolActions(provider, parts.store(), reserver, terminator, parts.clock(),
        parts.pause(), new WarmPoolActions.RestartTiming(config.keepalive().restartTimeout(),
            config.autoscaler().reaction().bootEstimate(), parts.policy().pollInterval()), prepare);
    var sight = new FleetSight(decorated.snapshots(), new DemandSignals(network, parts.http()),
        instances -> sweep.sweep(instances).stream()
            .collect(Collectors.toMap(checked -> checked.instance().id(),
                checked -> checked.assessment().level(), (a, b) -> b)));
    return new Autoscaler(config.autoscaler(), provider, parts.store(), parts.clock(), sight,
        new FleetHands(provisioner, terminator, Optional.of(warmPool)));
  }

  /**
   * Every rent's reservations: checked against {@code scaling.max_instances}, the autoscaler
   * groups' windows and every budget, with this month's spend from the store's ledger.
   */
  private static Reserver reserver(Vastbot.Parts parts) {
    AutoscalerPolicy autoscaler = parts.config().autoscaler();
    FleetStore store = parts.store();
    Clock clock = parts.clock();
    return new Reserver(store, new ReservationCheck(parts.policy().maxInstances(), autoscaler),
        group -> SpendSoFarReader.read(store, clock.instant().atZone(autoscaler.zone())).of(group, List.of()),
        Reserver.leaseFor(parts.policy().bootTimeout()), clock);
  }

  /**
   * The background loops, each counted and timed under its name. The first ticks come after a
   * short delay, the autoscaler's after one interval (as its cron line did), so a start never
   * scales before anyone has looked; the demand poll's after one poll interval.
   */
  private List<Vastbot.ScheduledLoop> loops(HealthTick health, KeepaliveTick keepaliveTick, AutoscalerTicks ticks) {
    VastbotConfig config = parts.config();
    Duration tickInterval = config.autoscaler().tickInterval();
    var list = new ArrayList<>(List.of(
        scheduled("health", config.health().interval(), health, FIRST_TICK),
        scheduled("keepalive", config.keepalive().interval(), keepaliveTick, FIRST_TICK),
        // expires undecided requests and hands unfinished terminations to their threads; never waits for one
        scheduled("terminations", TERMINATIONS_INTERVAL, () -> terminations.handOut().summary(), FIRST_TICK),
        scheduled("autoscaler", tickInterval, ticks::tick, tickInterval)));
    if (config.autoscaler().reaction().polls()) {
      Duration poll = config.autoscaler().reaction().demandPoll();
      list.add(scheduled("demand", poll, ticks::poll, poll));
    }
    return List.copyOf(list);
  }

  private Vastbot.ScheduledLoop scheduled(String name, Duration interval, LoopTask task, Duration firstDelay) {
    return new Vastbot.ScheduledLoop(new BackgroundLoop(name, interval, metrics.timed(name, task), parts.store(),
        parts.clock()), firstDelay);
  }

  private List<CommandHandler> commands(Shared shared, ChargesCheck charges, AutoscalerTicks ticks) {
    VastbotConfig config = parts.config();
    Clock clock = parts.clock();
    List<CommandHandler> commands = new ArrayList<>(List.of(
        new StatusCommand(snapshots, parts.store(), clock, loops.stream().map(Vastbot.ScheduledLoop::loop).toList()),
        new ListCommand(snapshots, clock, config.workers().workloads(), () -> shared.setups().starting().keySet(),
            parts.store()::poolMembers),
        new OffersCommand(provider, parts.policy().diskGb()),
        new ProvisionCommand(shared.provisioner()),
        new HealthCommand(snapshots, sweep, clock),
        new KeepaliveCommand(keepalive),
        new RestartCommand(keepalive),
        new StopCommand(keepalive),
        new P2pCommand(network),
        new LogsCommand(snapshots, network, workers),
        new ForgetHostKeyCommand(parts.pins(), parts.store(), clock),
        new ShutdownCommand(terminator),
        // a group's request (the autoscaler's, or a person's scale-up) is re-priced and rented as the group
        // rents; any other provision as a person's
        DecideCommand.approve(terminator, shared.provisioner(), autoscaler::runApproved),
        DecideCommand.deny(terminator, shared.provisioner()),
        new SyncCommand(terminator, parts.store(), clock),
        new CostCommand(snapshots, parts.store(), clock, parts.spendZone(), config.budgets().dailyUsd(),
            config.budgets().monthlyUsd(), charges)));
    commands.add(new AuditCommand(parts.store(), clock));
    commands.add(new PolicyCommand(config.autoscaler(), ticks::observeGroups, clock, parts.store()::poolMembers));
    commands.add(ScaleCommand.up(autoscaler));
    commands.add(ScaleCommand.down(autoscaler));
    commands.add(ScaleCommand.tickNow(autoscaler));
    commands.addAll(parts.extraCommands());
    return commands;
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

  /** Daemon threads named {@code name}, or {@code name-N} when {@code numbered}. */
  private static java.util.concurrent.ThreadFactory daemonThreads(String name, boolean numbered) {
    var counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, numbered ? name + "-" + counter.incrementAndGet() : name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
