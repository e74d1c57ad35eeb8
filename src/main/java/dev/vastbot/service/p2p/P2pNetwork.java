package dev.vastbot.service.p2p;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.health.OrchestratorHealth;
import dev.vastbot.fleet.health.ProbeParser;
import dev.vastbot.fleet.p2p.JoinResult;
import dev.vastbot.fleet.p2p.P2pCommands;
import dev.vastbot.fleet.p2p.PeerMatrix;
import dev.vastbot.fleet.p2p.PeerView;
import dev.vastbot.fleet.p2p.TailscaleClaims;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.PeerDirectory;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.HostJson;
import dev.vastbot.fleet.remote.RemoteValue;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.remote.TailscaleAddress;
import dev.vastbot.fleet.remote.UnsafeValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * The P2P cluster on the fleet (the old {@code vast_p2p_manager.py} and {@code --start-p2p}):
 * who sees whom, pushing the peer list, and (re)starting a node until it is healthy and has
 * rejoined.
 */
public final class P2pNetwork {
  private static final Logger log = LoggerFactory.getLogger(P2pNetwork.class);
  /** The most peers read from one node's {@code /status}. */
  public static final int MAX_PEERS = 256;
  private final FleetSnapshots fleet;
  private final RemoteShell shell;
  private final P2pCommands commands;
  private final PeerDirectory directory;
  private final Duration commandDeadline;
  private final RejoinWait rejoin;
  private final HostJson json;
  private final ProbeParser parser;

  /**
   * @param commandDeadline the most one command on a node may take
   * @param rejoin how a (re)started orchestrator is waited for
   * @param json reads the nodes' answers (hostile input)
   */
  public P2pNetwork(FleetSnapshots fleet, RemoteShell shell, P2pCommands commands, PeerDirectory directory,
      Duration commandDeadline, RejoinWait rejoin, HostJson json) {
    this.fleet = fleet;
    this.shell = shell;
    this.commands = commands;
    this.directory = directory;
    this.commandDeadline = commandDeadline;
    this.rejoin = rejoin;
    this.json = json;
    this.parser = new ProbeParser(json);
  }

  /** Every running node's view of its peers. */
  public PeerMatrix status() {
    List<Instance> running = running();
    Map<Long, ShellOutcome> answers = shell.runOnAll(targets(running), commands.statusCommand(), commandDeadline);
    List<PeerView> views = new ArrayList<>();
    for (Instance instance : running) {
      try {
        views.add(peerView(instance.nodeName(), answers.get(instance.id())));
      } catch (RuntimeException unreadable) {
        views.add(new PeerView(instance.nodeName(), false, null, Map.of(),
            "answer unreadable (" + unreadable.getClass().getSimpleName() + ")"));
      }
    }
    return new PeerMatrix(views);
  }

  /** The cluster's pending games as the orchestrators report them, or why they could not be read. */
  public record PendingGames(java.util.OptionalDouble games, String detail) {}

  /** The most pending games believed from one host's answer; more is a lie or a broken counter. */
  static final double MAX_PENDING_GAMES = 1e9;

  /**
   * The cluster's pending self-play games: {@code work_queue.by_status.pending} in the running
   * nodes' {@code /status} (the orchestrator's work queue, which every node reports). The median
   * of the answers is taken, so one host that lies (every answer is hostile input) cannot move it
   * while two honest ones answer; only a finite number in 0..{@value #MAX_PENDING_GAMES} counts.
   */
  public PendingGames pendingGames() {
    List<Instance> running = running();
    if (running.isEmpty()) {
      return new PendingGames(java.util.OptionalDouble.empty(), "no running node to ask");
    }
    Map<Long, ShellOutcome> answers = shell.runOnAll(targets(running), commands.statusCommand(), commandDeadline);
    List<Double> readings = new ArrayList<>();
    int answered = 0;
    for (Instance instance : running) {
      ShellOutcome outcome = answers.get(instance.id());
      if (outcome == null || !outcome.completed()) {
        continue;
      }
      try {
        Optional<Map<String, Object>> answer = json.readObject(outcome.stdout());
        if (answer.isPresent()) {
          answered++;
          pendingIn(answer.get()).ifPresent(readings::add);
        }
      } catch (RuntimeException unreadable) {
        // one host's answer never costs the others theirs
      }
    }
    if (readings.isEmpty()) {
      return new PendingGames(java.util.OptionalDouble.empty(), answered == 0
          ? "no orchestrator answered /status" : "no /status of " + answered + " gave work_queue.by_status.pending");
    }
    java.util.Collections.sort(readings);
    int middle = readings.size() / 2;
    double median = readings.size() % 2 == 1 ? readings.get(middle)
        : (readings.get(middle - 1) + readings.get(middle)) / 2;
    return new PendingGames(java.util.OptionalDouble.of(median),
        "the median of " + readings.size() + " orchestrators' work queues");
  }

  private static Optional<Double> pendingIn(Map<String, Object> status) {
    if (status.get("work_queue") instanceof Map<?, ?> queue && queue.get("by_status") instanceof Map<?, ?> byStatus
        && byStatus.get("pending") instanceof Number number) {
      double pending = number.doubleValue();
      return pending >= 0 && pending <= MAX_PENDING_GAMES ? Optional.of(pending) : Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * One node's {@code /status}, read as hostile input: at most {@value #MAX_PEERS} peers, and only
   * keys that are node ids; the rest is counted, not shown.
   */
  PeerView peerView(String nodeId, ShellOutcome outcome) {
    if (outcome == null || !outcome.completed()) {
      return new PeerView(nodeId, false, null, Map.of(),
          outcome == null ? "not asked" : "SSH: " + outcome.message());
    }
    Optional<Map<String, Object>> answer = json.readObject(outcome.stdout());
    if (answer.isEmpty()) {
      return new PeerView(nodeId, false, null, Map.of(), "orchestrator not answering");
    }
    Map<String, Boolean> alive = new LinkedHashMap<>();
    int ignored = 0;
    if (answer.get().get("peers") instanceof Map<?, ?> peers) {
      for (Map.Entry<?, ?> peer : peers.entrySet()) {
        String id = String.valueOf(peer.getKey());
        if (alive.size() == MAX_PEERS || !RemoteValue.NODE_ID.accepts(id)) {
          ignored++;
          continue;
        }
        alive.put(id, peer.getValue() instanceof Map<?, ?> info && Boolean.TRUE.equals(info.get("is_alive")));
      }
    }
    String leader = ProbeParser.nodeId(answer.get().get("leader_id"));
    return new PeerView(nodeId, true, leader, alive, null, ignored);
  }

  /**
   * Tells every running node about every other one (node id, Tailscale IP, port), through its
   * admin API. Returns instance id → what happened.
   */
  public Map<Long, String> discover() {
    List<Instance> running = running();
    TailscaleClaims claims = tailscaleClaims(running);
    Map<Long, String> ips = claims.accepted();
    List<P2pCommands.Peer> peers = new ArrayList<>();
    Map<Long, String> results = new LinkedHashMap<>();
    for (Instance instance : running) {
      String address = ips.get(instance.id());
      if (address == null) {
        results.put(instance.id(), claims.rejected().getOrDefault(instance.id(), "no Tailscale IP"));
      } else {
        peers.add(new P2pCommands.Peer(instance.nodeName(), address, commands.port()));
      }
    }
    for (Instance instance : running) {
      List<P2pCommands.Peer> others = peers.stream().filter(p -> !p.nodeId().equals(instance.nodeName())).toList();
      ShellOutcome pushed = shell.run(target(instance), commands.addPeersCommand(others), commandDeadline);
      results.merge(instance.id(), pushed.succeeded() ? "told about " + others.size() + " peer(s)"
          : "push failed: " + (pushed.completed() ? "exit " + pushed.exitCode() : pushed.message()),
          (a, b) -> a + "; " + b);
    }
    return results;
  }

  /** The accepted Tailscale IP of each running instance (see {@link #tailscaleClaims}). */
  public Map<Long, String> tailscaleIps(List<Instance> instances) {
    return tailscaleClaims(instances).accepted();
  }

  /**
   * What each running instance says its Tailscale IP is ({@code tailscale ip -4}), judged: an
   * address outside 100.64.0.0/10 is ignored, and one that another running instance also claims,
   * or that distributed_hosts.yaml gives to another host, is a clash: reported, not accepted, so a
   * host cannot take over another node's address in every peer list.
   */
  public TailscaleClaims tailscaleClaims(List<Instance> instances) {
    List<Instance> running = instances.stream()
        .filter(i -> i.state() == InstanceState.RUNNING && i.sshAddress().isPresent()).toList();
    Map<Long, ShellOutcome> answers = shell.runOnAll(targets(running), "tailscale ip -4 2>/dev/null | head -n 1",
        commandDeadline);
    Map<Long, String> claimed = new LinkedHashMap<>();
    answers.forEach((id, answer) -> {
      if (answer.succeeded()) {
        TailscaleAddress.parse(answer.stdout()).ifPresent(ip -> claimed.put(id, ip));
      }
    });
    return TailscaleClaims.judge(claimed, nodeNames(running), directory);
  }

  private static Map<Long, String> nodeNames(List<Instance> instances) {
    Map<Long, String> names = new LinkedHashMap<>();
    instances.forEach(i -> names.put(i.id(), i.nodeName()));
    return names;
  }

  /** Restarts one node's orchestrator with the directory's peers and waits until it has rejoined. */
  public JoinResult restart(long instanceId) throws InterruptedException {
    Instance instance = fleet.reread(instanceId)
        .filter(i -> i.state() == InstanceState.RUNNING && i.sshAddress().isPresent())
        .orElseThrow(() -> new InstanceUnavailableException("instance " + instanceId + " is not running"));
    return start(instance, true);
  }

  /** Starts the orchestrator on every running node whose /health does not answer. */
  public Map<Long, JoinResult> startWhereDown() throws InterruptedException {
    List<Instance> running = running();
    Map<Long, ShellOutcome> health = shell.runOnAll(targets(running), commands.healthCommand(), commandDeadline);
    Map<Long, JoinResult> results = new LinkedHashMap<>();
    for (Instance instance : running) {
      OrchestratorHealth now = orchestratorHealth(health.get(instance.id()));
      if (!now.answered()) {
        results.put(instance.id(), start(instance, false));
      }
    }
    return results;
  }

  /**
   * (Re)starts the orchestrator on one running instance with the directory's peers and the other
   * running instances' Tailscale addresses, and waits until it is healthy and, when {@code
   * awaitPeers}, sees at least one peer alive (a node joining a running cluster); nodes starting
   * together find each other later, as the orchestrator keeps trying its peers. A running
   * orchestrator is left alone when no start command can be built (a node id that is not one).
   */
  public JoinResult start(Instance instance, boolean awaitPeers) throws InterruptedException {
    List<String> peers = peersFor(instance);
    String startCommand;
    try {
      startCommand = commands.startCommand(instance.nodeName(), peers);
    } catch (UnsafeValueException unsafe) {
      return new JoinResult(instance.id(), false, 0, "not started: " + unsafe.getMessage());
    }
    for (String step : List.of(commands.stopCommand(), startCommand)) {
      ShellOutcome done = shell.run(target(instance), step, commandDeadline);
      if (!done.succeeded()) {
        return new JoinResult(instance.id(), false, 0, "start failed: "
            + (done.completed() ? "exit " + done.exitCode() + " " + done.stderr().strip() : done.message()));
      }
    }
    Instant deadline = rejoin.clock().instant().plus(rejoin.timeout());
    OrchestratorHealth last = OrchestratorHealth.SILENT;
    while (true) {
      last = orchestratorHealth(shell.run(target(instance), commands.healthCommand(), commandDeadline));
      boolean rejoined = last.healthy() && (!awaitPeers || peers.isEmpty() || last.activePeers() > 0);
      if (rejoined) {
        return new JoinResult(instance.id(), true, last.activePeers(), "healthy, sees "
            + last.activePeers() + " of " + peers.size() + " peer(s)");
      }
      if (!rejoin.clock().instant().isBefore(deadline)) {
        break;
      }
      rejoin.pause().pause(Duration.ofSeconds(1));
    }
    String why = !last.answered() ? "its /health never answered"
        : !last.healthy() ? "it reports unhealthy" : "it sees none of its " + peers.size() + " peer(s)";
    return new JoinResult(instance.id(), last.healthy(), last.activePeers(),
        "not rejoined within " + rejoin.timeout().toSeconds() + " s: " + why);
  }

  /** The directory's peers and the other running instances' Tailscale addresses, each checked. */
  private List<String> peersFor(Instance instance) {
    var peers = new LinkedHashSet<String>();
    for (String peer : directory.peersFor(instance.nodeName())) {
      if (RemoteValue.PEER_ADDRESS.accepts(peer)) {
        peers.add(peer);
      } else {
        log.warn("peer directory: " + RemoteValue.PEER_ADDRESS.complaint(peer)
            + "; peer skipped");
      }
    }
    List<Instance> others = running().stream().filter(i -> i.id() != instance.id()).toList();
    tailscaleIps(others).values().stream().filter(RemoteValue.IP_ADDRESS::accepts)
        .forEach(ip -> peers.add(ip + ":" + commands.port()));
    return List.copyOf(peers);
  }

  /** Stops the orchestrator (the node leaves the cluster) and waits until it is gone. */
  public ShellOutcome stopOrchestrator(Instance instance) {
    return shell.run(target(instance), commands.stopCommand(), commandDeadline);
  }

  /** The last lines of the orchestrator's log. */
  public ShellOutcome logs(Instance instance, int lines) {
    return shell.run(target(instance), commands.tailLogCommand(lines), commandDeadline);
  }

  private OrchestratorHealth orchestratorHealth(ShellOutcome outcome) {
    if (outcome == null || !outcome.completed()) {
      return OrchestratorHealth.SILENT;
    }
    return parser.orchestrator(outcome.stdout());
  }

  private List<Instance> running() {
    return fleet.current().instances().stream()
        .filter(i -> i.state() == InstanceState.RUNNING && i.sshAddress().isPresent()).toList();
  }

  private static SshTarget target(Instance instance) {
    return new SshTarget(instance.id(), instance.sshAddress().orElseThrow());
  }

  private static List<SshTarget> targets(List<Instance> instances) {
    return instances.stream().map(P2pNetwork::target).toList();
  }
}
