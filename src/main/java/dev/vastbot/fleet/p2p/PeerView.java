package dev.vastbot.fleet.p2p;

import java.util.Map;

/**
 * What one node's orchestrator says of its peers ({@code /status}).
 *
 * @param answered whether the node answered at all
 * @param peersAlive peer node id → whether this node sees it alive
 * @param problem why the node could not be asked, or null
 * @param ignoredPeers peers the node listed that were not read (not a node id, or past the cap)
 */
public record PeerView(String nodeId, boolean answered, String leaderId, Map<String, Boolean> peersAlive,
    String problem, int ignoredPeers) {
  public PeerView {
    peersAlive = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(peersAlive));
  }

  public PeerView(String nodeId, boolean answered, String leaderId, Map<String, Boolean> peersAlive,
      String problem) {
    this(nodeId, answered, leaderId, peersAlive, problem, 0);
  }
}
