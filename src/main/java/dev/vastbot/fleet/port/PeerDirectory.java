package dev.vastbot.fleet.port;

import java.util.List;

/**
 * Where the cluster's peers are: {@code host:port} addresses of P2P nodes (from
 * distributed_hosts.yaml: its hand-kept hosts and the Vast instances' Tailscale IPs).
 */
@FunctionalInterface
public interface PeerDirectory {
  /** The peer addresses a node should be started with, not counting the node itself. */
  List<String> peersFor(String nodeId);
}
