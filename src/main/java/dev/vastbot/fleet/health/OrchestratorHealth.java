package dev.vastbot.fleet.health;

/**
 * What the P2P orchestrator's {@code /health} said.
 *
 * @param answered whether it answered with a JSON object at all
 * @param healthy its own {@code healthy} field (false when it did not answer)
 */
public record OrchestratorHealth(boolean answered, boolean healthy, String nodeId, String leaderId,
    int activePeers, int totalPeers) {

  public static final OrchestratorHealth SILENT = new OrchestratorHealth(false, false, null, null, 0, 0);
}
