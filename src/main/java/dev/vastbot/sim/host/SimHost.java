package dev.vastbot.sim.host;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * One simulated Vast GPU host: a folder with a root home, an SSH server on 127.0.0.1 that runs real
 * shell commands there, a tailnet address and a P2P port. Created by {@link SimHostFleet} at the
 * instance's first attach and kept (folder, host key, address) across later attaches. Thread-safe.
 */
public final class SimHost {
  private final HostFolder folder;
  private final Path tailnetMap;
  private final HostProcesses processes;
  private final HostSshEndpoint ssh;
  private final SimHostFaults faults;
  private volatile HostProfile profile;
  private boolean attached;

  SimHost(
      HostFolder folder,
      HostProfile profile,
      Path tailnetMap,
      RootKeyAuthenticator authenticator,
      ExecutorService commandThreads) {
    this.folder = folder;
    this.profile = profile;
    this.tailnetMap = tailnetMap;
    this.processes = new HostProcesses(folder.home().toString());
    this.ssh =
        new HostSshEndpoint(
            folder.hostKey(),
            authenticator,
            (channel, command) -> new HostShellCommand(command, environment(), commandThreads));
    this.faults = new SimHostFaults(folder, processes, ssh);
  }

  /** The marketplace instance id this host belongs to. */
  public long instanceId() {
    return profile.instanceId();
  }

  /** The host's {@code HOME} (what {@code /root} is on a real Vast host). */
  public Path home() {
    return folder.home();
  }

  /** The SSH port of the current (or, once detached, the last) attach. */
  public int sshPort() {
    return ssh.port();
  }

  /** The loopback port meant for the host's P2P orchestrator ({@code $RINGRIFT_P2P_PORT}). */
  public int p2pPort() {
    return profile.p2pPort();
  }

  /** The host's unique 100.64.x.y tailnet address ({@code tailscale ip -4}). */
  public String tailscaleIp() {
    return profile.tailscaleIp();
  }

  /** {@code SHA256:...} fingerprint of the SSH host key the server presents. */
  public String hostKeyFingerprint() {
    return ssh.fingerprint();
  }

  /** The switchable faults of this host. */
  public SimHostFaults faults() {
    return faults;
  }

  /** Whether the host is attached (its SSH port is listening, possibly hanging). */
  public synchronized boolean attached() {
    return attached;
  }

  HostProfile profile() {
    return profile;
  }

  /** Writes the stand-ins and host facts and starts the SSH server on a free port. */
  synchronized InetSocketAddress start(HostProfile newProfile) {
    if (!attached) {
      profile = newProfile;
      folder.install(newProfile);
      ssh.open(0);
      attached = true;
    }
    return new InetSocketAddress(LoopbackPort.ADDRESS, ssh.port());
  }

  /** Stops the SSH server and kills every process the host started. */
  synchronized void stop() {
    ssh.close();
    processes.killAll();
    attached = false;
  }

  private HostEnvironment environment() {
    return new HostEnvironment(instanceId(), home(), p2pPort(), tailnetMap);
  }
}
