package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.p2p.P2pCommands;
import dev.vastbot.fleet.remote.CommandTemplate;

/**
 * The {@code p2p} section of {@code vastbot.yaml}: the RingRift P2P orchestrator on each instance.
 *
 * @param port the orchestrator's HTTP port
 * @param startCommand shell command that starts it in the background; {@code {node_id}}, {@code
 *     {port}} and {@code {peers}} are filled in by {@link P2pCommands#startCommand}, each checked
 *     and quoted as one shell word
 * @param healthPath HTTP path probed on {@code localhost:port} to see whether it runs
 */
public record P2pConfig(int port, String startCommand, String healthPath, String logFile) {
  /**
   * RingRift's start script without its bugs: no {@code pkill -f} in the same shell (it kills
   * itself) and no hard-coded peer list.
   */
  static final String DEFAULT_START_COMMAND =
      "cd ~/ringrift/ai-service && . venv/bin/activate && mkdir -p logs || exit 1;"
          + " PYTHONPATH=$(pwd) RINGRIFT_SOCKS_PROXY=socks5://localhost:1055"
          + " nohup python3 scripts/p2p_orchestrator.py --node-id {node_id}"
          + " --port ${RINGRIFT_P2P_PORT:-{port}} --peers {peers}"
          + " > logs/p2p_orchestrator.log 2>&1 &";
  static final String DEFAULT_LOG_FILE = "~/ringrift/ai-service/logs/p2p_orchestrator.log";

  public P2pConfig {
    requireNonNull(startCommand, "startCommand == null");
    requireNonNull(healthPath, "healthPath == null");
    requireNonNull(logFile, "logFile == null");
  }

  /** The orchestrator's commands on a host. */
  public P2pCommands commands() {
    return new P2pCommands(startCommand, port, healthPath, logFile);
  }

  static P2pConfig read(ConfigSection p2p) {
    var port =
        p2p.integer("port", 8770).require(n -> n >= 1 && n <= 65535, "must be between 1 and 65535");
    var startCommand =
        p2p.text("start_command", DEFAULT_START_COMMAND)
            .require(command -> !command.isBlank(), "must not be empty")
            .require(CommandTemplate::isWellFormed, CommandTemplate.UNBALANCED);
    var healthPath =
        p2p.text("health_path", "/health")
            .require(path -> path.startsWith("/"), "must start with /");
    var logFile = p2p.text("log_file", DEFAULT_LOG_FILE).require(f -> !f.isBlank(), "must not be empty");
    p2p.rejectUnknownKeys();
    return new P2pConfig(port.value(), startCommand.value(), healthPath.value(), logFile.value());
  }
}
