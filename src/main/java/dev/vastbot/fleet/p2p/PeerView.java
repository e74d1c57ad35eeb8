package dev.vastbot.fleet.p2p;

import java.util.Map;

/**
 * What one node's orchestrator says of its peers ({@code /status}).
 *
 * @param answered whether the node answered at all
 * @param peersAlive peer node id → whether this node sees it alive
 * @param problem why the node could not be asked, or null
 */
public record PeerView(String nodeId, boolean answered, String leaderId, Map<String, Boolean> peersAlive,
    String problem) {
  public PeerView {
    peersAlive = Map.copyOf(peersAlive);
  }
}
