package dev.vastbot.fleet.p2p;

/**
 * How starting a node's orchestrator ended.
 *
 * @param healthy whether its /health said healthy before the deadline
 * @param activePeers the peers it saw alive at the end
 * @param detail what happened, for people
 */
public record JoinResult(long instanceId, boolean healthy, int activePeers, String detail) {}
