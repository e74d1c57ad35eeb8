package dev.vastbot.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vastbot.app.config.DistributedHostsFile;
import dev.vastbot.app.config.VastHostEntry;
import dev.vastbot.fleet.p2p.PeerDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Peers from distributed_hosts.yaml, read fresh on every call: the hand-kept {@code hosts} with
 * {@code p2p_enabled: true} and a Tailscale IP (their {@code p2p_port}, else the default port), and
 * every Vast instance in {@code vast_instances} with a Tailscale IP that is not gone.
 */
public final class HostsFilePeers implements PeerDirectory {
  private static final System.Logger log = System.getLogger(HostsFilePeers.class.getName());
  private final DistributedHostsFile file;
  private final int defaultPort;

  public HostsFilePeers(DistributedHostsFile file, int defaultPort) {
    this.file = file;
    this.defaultPort = defaultPort;
  }

  @Override
  public List<String> peersFor(String nodeId) {
    Set<String> peers = new LinkedHashSet<>(handKeptPeers(nodeId));
    for (VastHostEntry entry : file.readVastInstances()) {
      if (entry.tailscaleIp() != null && !entry.hostname().equals(nodeId)
          && !VastInstancesSync.GONE.equals(entry.status())) {
        peers.add(entry.tailscaleIp() + ":" + defaultPort);
      }
    }
    return List.copyOf(peers);
  }

  private List<String> handKeptPeers(String nodeId) {
    List<String> peers = new ArrayList<>();
    if (!Files.exists(file.path())) {
      return peers;
    }
    try {
      JsonNode hosts = new ObjectMapper(new YAMLFactory()).readTree(file.path().toFile()).path("hosts");
      hosts.properties().forEach(host -> {
        JsonNode h = host.getValue();
        if (!host.getKey().equals(nodeId) && h.path("p2p_enabled").asBoolean(false)
            && h.hasNonNull("tailscale_ip")) {
          peers.add(h.get("tailscale_ip").asText() + ":" + h.path("p2p_port").asInt(defaultPort));
        }
      });
    } catch (IOException | RuntimeException unreadable) {
      log.log(System.Logger.Level.WARNING, file.path() + ": hosts section not readable: " + unreadable.getMessage());
    }
    return peers;
  }
}
