/**
 * Simulated Vast GPU hosts for the simulated marketplace: each running instance gets a real SSH
 * server on 127.0.0.1 that runs real shell commands in its own folder, with stand-ins for what a
 * Vast GPU host of the cluster has (nvidia-smi, tailscale, df, a host-scoped pgrep/pkill, the
 * self-play worker and the P2P orchestrator), plus switchable faults.
 *
 * <p>Entry points: {@link dev.vastbot.sim.host.SimHostFleet} (the {@link
 * dev.vastbot.sim.HostAttachment} to give a {@link dev.vastbot.sim.SimMarketplace}), {@link
 * dev.vastbot.sim.host.SimHost} (one host) and {@link dev.vastbot.sim.host.SimHostFaults}. The
 * stand-in scripts are resources under {@code sim-host/}, copied into each host's folder.
 */
package dev.vastbot.sim.host;
