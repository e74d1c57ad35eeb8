package dev.vastbot.app.config;

import static java.util.Objects.requireNonNull;

/**
 * The {@code p2p} section of {@code vastbot.yaml}: the RingRift P2P orchestrator on each instance.
 *
 * @param port the orchestrator's HTTP port
 * @param startCommand shell command that starts it in the background; {@code {node_id}} and {@code
 *     {port}} are replaced by {@link #startCommandFor(String)}
 * @param healthPath HTTP path probed on {@code localhost:port} to see whether it runs
 */
public record P2pConfig(int port, String startCommand, String healthPath) {
  /**
   * RingRift's start script without its bugs: no {@code pkill -f} in the same shell (it kills
   * itself) and no hard-coded peer list.
   */
  static final String DEFAULT_START_COMMAND =
      "cd /root/ringrift/ai-service && . venv/bin/activate && mkdir -p logs"
          + " && PYTHONPATH=$(pwd) RINGRIFT_SOCKS_PROXY=socks5://localhost:1055"
          + " nohup python3 scripts/p2p_orchestrator.py --node-id {node_id} --port {port}"
          + " > logs/p2p_orchestrator.log 2>&1 &";

  public P2pConfig {
    requireNonNull(startCommand, "startCommand == null");
    requireNonNull(healthPath, "healthPath == null");
  }

  /** The start command for one node, with {@code {node_id}} and {@code {port}} filled in. */
  public String startCommandFor(String nodeId) {
    return startCommand.replace("{node_id}", nodeId).replace("{port}", Integer.toString(port));
  }

  static P2pConfig read(ConfigSection p2p) {
    var port =
        p2p.integer("port", 8770).require(n -> n >= 1 && n <= 65535, "must be between 1 and 65535");
    var startCommand =
        p2p.text("start_command", DEFAULT_START_COMMAND)
            .require(command -> !command.isBlank(), "must not be empty");
    var healthPath =
        p2p.text("health_path", "/health")
            .require(path -> path.startsWith("/"), "must start with /");
    p2p.rejectUnknownKeys();
    return new P2pConfig(port.value(), startCommand.value(), healthPath.value());
  }
}
