package dev.vastbot.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vastbot.config.ConfigException;
import dev.vastbot.config.DistributedHostsFile;
import dev.vastbot.config.VastHostEntry;
import dev.vastbot.fleet.port.PeerDirectory;
import dev.vastbot.fleet.remote.RemoteValue;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Peers from distributed_hosts.yaml, read fresh on every call: the hand-kept {@code hosts} with
 * {@code p2p_enabled: true} and a Tailscale IP (their {@code p2p_port}, else the default port), and
 * every Vast instance in {@code vast_instances} with a Tailscale IP that is not gone.
 *
 * <p>The file is edited by hand and by other tools, and its peers end up in a command run as root
 * on every host, so an entry whose {@code tailscale_ip} is not an IP address or whose {@code
 * p2p_port} is not a port is skipped with a warning that names the file and the entry.
 */
public final class HostsFilePeers implements PeerDirectory {
  private static final Logger log = LoggerFactory.getLogger(HostsFilePeers.class);
  private static final int MESSAGE_LENGTH = 500;
  private final DistributedHostsFile file;
  private final int defaultPort;
  private final Consumer<String> warnings;

  public HostsFilePeers(DistributedHostsFile file, int defaultPort) {
    this(file, defaultPort, warning -> log.warn(warning));
  }

  /** @param warnings where the warnings about skipped entries go, one line each */
  HostsFilePeers(DistributedHostsFile file, int defaultPort, Consumer<String> warnings) {
    this.file = file;
    this.defaultPort = defaultPort;
    this.warnings = warnings;
  }

  @Override
  public List<String> peersFor(String nodeId) {
    Set<String> peers = new LinkedHashSet<>(handKeptPeers(nodeId));
    peers.addAll(vastInstancePeers(nodeId));
    return List.copyOf(peers);
  }

  private List<String> vastInstancePeers(String nodeId) {
    List<VastHostEntry> entries;
    try {
      entries = file.readVastInstances();
    } catch (ConfigException unreadable) {
      warn("vast_instances not readable: " + RemoteValue.printable(unreadable.getMessage(), MESSAGE_LENGTH)
          + "; its peers skipped");
      return List.of();
    }
    List<String> peers = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      VastHostEntry entry = entries.get(i);
      if (entry.tailscaleIp() == null || entry.hostname().equals(nodeId)
          || VastInstancesSync.GONE.equals(entry.status())) {
        continue;
      }
      String where = "vast_instances[" + i + "] (" + RemoteValue.printable(entry.hostname()) + ")";
      peerAddress(where, entry.tailscaleIp(), defaultPort).ifPresent(peers::add);
    }
    return peers;
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
          handKeptPeer("hosts." + RemoteValue.printable(host.getKey()), h).ifPresent(peers::add);
        }
      });
    } catch (IOException | RuntimeException unreadable) {
      warn("hosts section not readable: " + RemoteValue.printable(String.valueOf(unreadable.getMessage()),
          MESSAGE_LENGTH));
    }
    return peers;
  }

  private Optional<String> handKeptPeer(String where, JsonNode host) {
    JsonNode port = host.path("p2p_port");
    if (port.isMissingNode() || port.isNull()) {
      return peerAddress(where, text(host.get("tailscale_ip")), defaultPort);
    }
    String portText = text(port);
    if (!RemoteValue.PORT.accepts(portText)) {
      warn(where + ": p2p_port " + RemoteValue.PORT.complaint(portText) + "; peer skipped");
      return Optional.empty();
    }
    return peerAddress(where, text(host.get("tailscale_ip")), Integer.parseInt(portText));
  }

  /** {@code ip:port}, or empty with a warning when {@code ip} is not an IP address. */
  private Optional<String> peerAddress(String where, String ip, int port) {
    if (!RemoteValue.IP_ADDRESS.accepts(ip)) {
      warn(where + ": tailscale_ip " + RemoteValue.IP_ADDRESS.complaint(ip) + "; peer skipped");
      return Optional.empty();
    }
    return Optional.of(RemoteValue.peerAddress(ip, port));
  }

  /** A scalar as written ({@code 8770}, {@code "8770"}); a mapping or list as its JSON text. */
  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private void warn(String problem) {
    warnings.accept(file.path() + ": " + problem);
  }
}
