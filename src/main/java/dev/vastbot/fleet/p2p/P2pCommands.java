package dev.vastbot.fleet.p2p;

import dev.vastbot.fleet.health.ProcessMatch;
import dev.vastbot.fleet.remote.CommandTemplate;
import dev.vastbot.fleet.remote.RemoteValue;
import dev.vastbot.fleet.remote.ShellQuote;
import dev.vastbot.fleet.remote.UnsafeValueException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shell commands that manage the P2P orchestrator on a host.
 *
 * @param startTemplate starts it in the background; {@code {node_id}}, {@code {port}}, {@code
 *     {peers}} filled in, each checked and quoted as one shell word ({@link CommandTemplate})
 * @param port the port when the host does not set {@code RINGRIFT_P2P_PORT}
 * @param logFile its log, for {@code /vast logs ID p2p}
 */
public record P2pCommands(String startTemplate, int port, String healthPath, String logFile) {
  static final String PROCESS_PATTERN = "p2p_orchestrator";

  public P2pCommands {
    Objects.requireNonNull(startTemplate, "startTemplate");
    Objects.requireNonNull(healthPath, "healthPath");
    Objects.requireNonNull(logFile, "logFile");
    new CommandTemplate(startTemplate); // refuses a template whose quoting it cannot follow
    RemoteValue.PORT.require(port);
  }

  String localUrl(String path) {
    return "http://127.0.0.1:${RINGRIFT_P2P_PORT:-" + port + "}" + path;
  }

  /** Stops a running orchestrator and waits until it is gone (a command of its own). */
  public String stopCommand() {
    return ProcessMatch.stop(PROCESS_PATTERN);
  }

  /**
   * Starts the orchestrator in the background.
   *
   * @param peers {@code host:port} addresses, passed comma-separated
   * @throws UnsafeValueException if the node id or a peer is not of its kind; no command is built
   *     then
   */
  public String startCommand(String nodeId, List<String> peers) {
    RemoteValue.NODE_ID.require(nodeId);
    peers.forEach(RemoteValue.PEER_ADDRESS::require);
    return new CommandTemplate(startTemplate).fill(Map.of("node_id", nodeId,
        "port", Integer.toString(port), "peers", String.join(",", peers)));
  }

  public String healthCommand() {
    return "curl -s -m 3 " + localUrl(healthPath) + "; echo";
  }

  public String statusCommand() {
    return "curl -s -m 5 " + localUrl("/status") + "; echo";
  }

  /** Tells the node about peers through its admin API ({@code POST /admin/add_peer}). */
  public String addPeersCommand(List<Peer> peers) {
    var command = new StringBuilder();
    for (Peer peer : peers) {
      String body = "{\"node_id\":" + jsonString(peer.nodeId()) + ",\"address\":" + jsonString(peer.address())
          + ",\"port\":" + peer.port() + "}";
      command.append("curl -s -m 3 -X POST -H 'Content-Type: application/json' -d ")
          .append(ShellQuote.quote(body)).append(' ').append(localUrl("/admin/add_peer")).append("; echo\n");
    }
    return command.append("true").toString();
  }

  /** {@code text} as a JSON string literal. */
  static String jsonString(String text) {
    var json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  public String tailLogCommand(int lines) {
    return "if [ -f " + logFile + " ]; then tail -n " + lines + " " + logFile
        + "; else echo 'no orchestrator log at " + logFile.replace("'", "") + "'; fi";
  }

  /**
   * A peer to announce, checked when made: a node id, an IP address or host name, a port.
   *
   * @throws UnsafeValueException if a part is not of its kind
   */
  public record Peer(String nodeId, String address, int port) {
    public Peer {
      RemoteValue.NODE_ID.require(nodeId);
      if (!RemoteValue.IP_ADDRESS.accepts(address) && !RemoteValue.HOST_NAME.accepts(address)) {
        throw new UnsafeValueException(RemoteValue.IP_ADDRESS.complaint(address) + " nor a host name");
      }
      RemoteValue.PORT.require(port);
    }
  }
}
