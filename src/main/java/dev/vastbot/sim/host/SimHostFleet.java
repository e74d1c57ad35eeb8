package dev.vastbot.sim.host;

import dev.vastbot.sim.HostAttachment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated Vast GPU hosts for the simulated marketplace: every attached instance gets a {@link
 * SimHost} under {@code rootDir/host-<id>/} whose SSH server (127.0.0.1, ephemeral port) runs real
 * shell commands (root's login shell, bash) with stand-ins for nvidia-smi, tailscale, df and a
 * host-scoped pgrep/pkill first on PATH. Wire it with {@code marketplace.setHostAttachment(new
 * SimHostFleet(dir, marketplace::authorizedKeys, seed))}. Attach and detach are quick and never
 * call back into the marketplace; {@code authorizedKeys} is asked at login time, from SSH server
 * threads. Thread-safe.
 */
public final class SimHostFleet implements HostAttachment, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimHostFleet.class);
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private final Path rootDir;
  private final LongFunction<List<String>> authorizedKeys;
  private final long seed;
  private final TailnetMap tailnet;
  private final Map<Long, SimHost> hosts = new TreeMap<>();
  private final ExecutorService commandThreads;

  /**
   * A fleet whose hosts live under {@code rootDir} (created if missing, never deleted).
   *
   * @param authorizedKeys instance id to the OpenSSH public key lines allowed to log in as root,
   *     read at each login
   * @param seed makes each host's address, GPU quirks and seeded data deterministic per id
   */
  public SimHostFleet(Path rootDir, LongFunction<List<String>> authorizedKeys, long seed) {
    this.rootDir = Objects.requireNonNull(rootDir, "rootDir == null").toAbsolutePath().normalize();
    this.authorizedKeys = Objects.requireNonNull(authorizedKeys, "authorizedKeys == null");
    this.seed = seed;
    try {
      Files.createDirectories(this.rootDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + rootDir, e);
    }
    this.tailnet = new TailnetMap(this.rootDir.resolve("tailnet.json"));
    tailnet.save();
    var threadCount = new AtomicInteger();
    this.commandThreads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "sim-host-exec-" + threadCount.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts the instance's host SSH server and returns its loopback address. The first attach of an
   * id creates the host folder; later ones (after a stop or reboot) keep folder and host key.
   * Attaching an attached host returns its address unchanged.
   */
  @Override
  public synchronized InetSocketAddress attach(long instanceId, String gpuName, int numGpus) {
    SimHost host = hosts.computeIfAbsent(instanceId, id -> newHost(id, gpuName, numGpus));
    if (host.attached()) {
      return new InetSocketAddress(LoopbackPort.ADDRESS, host.sshPort());
    }
    HostProfile profile = host.profile().withGpus(gpuName, numGpus);
    if (!LoopbackPort.isFree(profile.p2pPort())) {
      profile = profile.withP2pPort(LoopbackPort.pickForLaterBind());
    }
    InetSocketAddress address = host.start(profile);
    tailnet.route(profile.tailscaleIp(), profile.p2pPort());
    LOG.info(
        "sim host {} attached: ssh {} tailnet {} p2p port {}",
        instanceId,
        address.getPort(),
        profile.tailscaleIp(),
        profile.p2pPort());
    return address;
  }

  /** Stops the host's SSH server and kills every process it started; unknown ids are ignored. */
  @Override
  public synchronized void detach(long instanceId) {
    SimHost host = hosts.get(instanceId);
    if (host == null || !host.attached()) {
      return;
    }
    host.stop();
    tailnet.forget(host.tailscaleIp());
    LOG.info("sim host {} detached", instanceId);
  }

  /** The host of an instance that was attached at least once. */
  public synchronized Optional<SimHost> host(long instanceId) {
    return Optional.ofNullable(hosts.get(instanceId));
  }

  /** Every host attached now, by instance id. */
  public synchronized List<SimHost> attachedHosts() {
    return hosts.values().stream().filter(SimHost::attached).toList();
  }

  /** The tailnet map file ({@code $SIM_TAILNET_MAP} on every host). */
  public Path tailnetMap() {
    return tailnet.file();
  }

  /**
   * Sets the cluster's pending self-play games, which every host's orchestrator reports in its
   * {@code /status} ({@code work_queue.by_status.pending}): the demand a test or the demo injects.
   */
  public void setPendingGames(long games) {
    if (games < 0) {
      throw new IllegalArgumentException("games < 0: " + games);
    }
    try {
      AtomicFile.write(HostEnvironment.workQueueOf(tailnet.file()),
          (games + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the work queue", e);
    }
  }

  /** Detaches every host; deletes nothing ({@code rootDir} is the caller's). */
  @Override
  public synchronized void close() {
    List.copyOf(hosts.keySet()).forEach(this::detach);
    commandThreads.shutdown();
  }

  private SimHost newHost(long instanceId, String gpuName, int numGpus) {
    HostFolder folder = HostFolder.of(rootDir, instanceId);
    SplittableRandom random = new SplittableRandom(seed ^ (instanceId * GOLDEN_GAMMA));
    SplittableRandom profileRandom = random.split();
    SplittableRandom dataRandom = random.split();
    var takenIps =
        hosts.values().stream().map(SimHost::tailscaleIp).collect(Collectors.toUnmodifiableSet());
    HostProfile profile =
        HostProfile.derive(
            instanceId, gpuName, numGpus, profileRandom, takenIps,
            LoopbackPort.pickForLaterBind());
    Map<String, String> earlier = folder.earlierFacts().orElse(Map.of());
    String earlierIp = earlier.get("SIM_TAILSCALE_IP");
    if (earlierIp != null && earlierIp.startsWith("100.") && !takenIps.contains(earlierIp)) {
      profile = profile.withTailscaleIp(earlierIp);
    }
    var tree = new AiServiceTree(folder.aiService());
    if (!tree.exists()) {
      tree.create(profile, dataRandom, Instant.now());
    }
    return new SimHost(
        folder,
        profile,
        tailnet.file(),
        new RootKeyAuthenticator(instanceId, authorizedKeys, commandThreads),
        commandThreads);
  }
}
