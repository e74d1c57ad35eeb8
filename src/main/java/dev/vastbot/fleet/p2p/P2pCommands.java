package dev.vastbot.fleet.p2p;

import dev.vastbot.fleet.health.ProcessMatch;
import java.util.List;
import java.util.Objects;

/**
 * The shell commands that manage the P2P orchestrator on a host.
 *
 * @param startTemplate starts it in the background; {@code {node_id}}, {@code {port}}, {@code
 *     {peers}} filled in
 * @param port the port when the host does not set {@code RINGRIFT_P2P_PORT}
 * @param logFile its log, for {@code /vast logs ID p2p}
 */
public record P2pCommands(String startTemplate, int port, String healthPath, String logFile) {
  static final String PROCESS_PATTERN = "p2p_orchestrator";

  public P2pCommands {
    Objects.requireNonNull(startTemplate, "startTemplate");
    Objects.requireNonNull(healthPath, "healthPath");
    Objects.requireNonNull(logFile, "logFile");
  }

  String localUrl(String path) {
    return "http://127.0.0.1:${RINGRIFT_P2P_PORT:-" + port + "}" + path;
  }

  /** Stops a running orchestrator and waits until it is gone (a command of its own). */
  String stopCommand() {
    return ProcessMatch.stop(PROCESS_PATTERN);
  }

  /** Starts the orchestrator in the background. */
  String startCommand(String nodeId, List<String> peers) {
    return startTemplate.replace("{node_id}", nodeId).replace("{port}", Integer.toString(port))
        .replace("{peers}", String.join(",", peers));
  }

  String healthCommand() {
    return "curl -s -m 3 " + localUrl(healthPath) + "; echo";
  }

  String statusCommand() {
    return "curl -s -m 5 " + localUrl("/status") + "; echo";
  }

  /** Tells the node about peers through its admin API ({@code POST /admin/add_peer}). */
  String addPeersCommand(List<Peer> peers) {
    var command = new StringBuilder();
    for (Peer peer : peers) {
      command.append("curl -s -m 3 -X POST -H 'Content-Type: application/json' -d '{\"node_id\":\"")
          .append(peer.nodeId()).append("\",\"address\":\"").append(peer.address())
          .append("\",\"port\":").append(peer.port()).append("}' ").append(localUrl("/admin/add_peer"))
          .append("; echo\n");
    }
    return command.append("true").toString();
  }

  String tailLogCommand(int lines) {
    return "if [ -f " + logFile + " ]; then tail -n " + lines + " " + logFile
        + "; else echo 'no orchestrator log at " + logFile.replace("'", "") + "'; fi";
  }

  /** A peer to announce. */
  public record Peer(String nodeId, String address, int port) {}
}
