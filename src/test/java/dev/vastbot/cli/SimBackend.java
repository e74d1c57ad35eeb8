package dev.vastbot.cli;

import dev.vastbot.sim.SimInstanceView;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.sim.host.SimHostFleet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code vastbot sim --hosts} serves, in-process, for tests of the CLI verbs as cron runs
 * them: the simulated Vast API over HTTP on 127.0.0.1 (instances boot at once) and a simulated GPU
 * host behind a real SSH server for every running instance.
 */
final class SimBackend implements AutoCloseable {
  final SimMarketplace marketplace;
  final SimHostFleet hosts;
  private final SimVastServer server;

  private SimBackend(SimMarketplace marketplace, SimHostFleet hosts, SimVastServer server) {
    this.marketplace = marketplace;
    this.hosts = hosts;
    this.server = server;
  }

  /** Starts both, with the hosts' folders under {@code dir}. */
  static SimBackend start(Path dir) throws Exception {
    return start(dir, Clock.systemUTC());
  }

  /** Starts both on {@code clock} (a test's MutableClock: the marketplace bills and ages by it). */
  static SimBackend start(Path dir, Clock clock) throws Exception {
    var marketplace = new SimMarketplace(clock,
        SimSettings.defaults().withBootDelays(Duration.ZERO, Duration.ZERO));
    var hosts = new SimHostFleet(dir.resolve("hosts"), marketplace::authorizedKeys, 5);
    marketplace.setHostAttachment(hosts);
    return new SimBackend(marketplace, hosts, SimVastServer.start(marketplace, 0));
  }

  /** The environment a CLI run against this backend gets: its API, key, config and store. */
  Map<String, String> env(Path sshKey, Path configDir, Path database) {
    return Map.of(
        "VAST_API_URL", server.apiUrl(),
        "VAST_API_KEY", marketplace.apiKey(),
        "VAST_SSH_KEY", sshKey.toString(),
        "VASTBOT_CONFIG_DIR", configDir.toString(),
        "VASTBOT_DB", "jdbc:sqlite:" + database);
  }

  /** The instances the simulated API reports running. */
  List<SimInstanceView> running() {
    return marketplace.instances().stream().filter(i -> "running".equals(i.actualStatus())).toList();
  }

  @Override
  public void close() {
    server.close();
    hosts.close();
  }
}
