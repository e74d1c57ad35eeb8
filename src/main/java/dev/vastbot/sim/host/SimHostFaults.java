package dev.vastbot.sim.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Switchable faults of one simulated host; each takes effect at once, also while commands run. The
 * GPU and disk faults are flag files under {@code ~/.sim/faults/} that the stand-ins read, so they
 * survive a re-attach; the SSH faults act on the host's SSH endpoint (a hang switched on while
 * detached applies at the next attach). Thread-safe.
 */
public final class SimHostFaults {
  static final Predicate<List<String>> SELF_PLAY_WORKER =
      argv ->
          argv.stream()
              .anyMatch(
                  arg ->
                      arg.equals("app.training.generate_data") || arg.endsWith("generate_data.py"));
  static final Predicate<List<String>> P2P_ORCHESTRATOR =
      argv -> argv.stream().anyMatch(arg -> arg.endsWith("p2p_orchestrator.py"));

  private final HostFolder folder;
  private final HostProcesses processes;
  private final HostSshEndpoint ssh;

  SimHostFaults(HostFolder folder, HostProcesses processes, HostSshEndpoint ssh) {
    this.folder = folder;
    this.processes = processes;
    this.ssh = ssh;
  }

  /** Kills (SIGKILL) the host's self-play workers now; returns how many were killed. */
  public int workersDead() {
    return processes.kill(SELF_PLAY_WORKER);
  }

  /** Kills (SIGKILL) the host's P2P orchestrator now; returns how many processes were killed. */
  public int orchestratorDown() {
    return processes.kill(P2P_ORCHESTRATOR);
  }

  /** nvidia-smi reports 0-3 % utilization even while workers run. */
  public void gpuIdle(boolean idle) {
    flag("gpu_idle", idle);
  }

  /** {@code df} (and so the orchestrator's /health) reports the disk 99 % used. */
  public void diskFull(boolean full) {
    flag("disk_full", full);
  }

  /**
   * The SSH port accepts TCP connections but never speaks SSH ({@code true}); {@code false} brings
   * the real server back on the same port.
   */
  public void sshHang(boolean hang) {
    ssh.hang(hang);
  }

  /** The SSH server restarts on the same port with a new host key (a re-imaged machine). */
  public void hostKeyChanged() {
    ssh.replaceHostKey();
  }

  /**
   * The host turns hostile: from now on it answers with {@code payloads} (see {@link
   * HostilePayload}); {@code victimAddress} is the Tailscale address a spoofing host claims (another
   * node's). An empty set makes it honest again.
   */
  public void hostile(java.util.Set<HostilePayload> payloads, String victimAddress) {
    Path dir = folder.fault("hostile");
    try {
      deleteHostileFiles(dir);
      Files.createDirectories(dir);
      for (HostilePayload payload : payloads) {
        writeIfSet(dir.resolve("health"), payload.health(nodeId()));
        writeIfSet(dir.resolve("status"), payload.status(nodeId()));
        writeIfSet(dir.resolve("tailscale"), payload.tailscale(victimAddress));
        if (payload.stderr() != null) {
          Files.write(dir.resolve("stderr"), payload.stderr());
        }
        if (payload.logLines() != null) {
          // A new file under each log's name: the running orchestrator keeps writing to the old
          // one (its descriptor), so these lines are what a tail of the log reads.
          Path logs = folder.aiService().resolve("logs");
          Files.createDirectories(logs);
          for (String log : List.of("p2p_orchestrator.log", "selfplay_hostile.log")) {
            Files.deleteIfExists(logs.resolve(log));
            Files.writeString(logs.resolve(log), payload.logLines());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot switch the hostile fault", e);
    }
  }

  private String nodeId() {
    return "vast-" + folder.dir().getFileName().toString().replaceFirst("^host-", "");
  }

  private static void writeIfSet(Path file, String text) throws IOException {
    if (text != null) {
      Files.writeString(file, text);
    }
  }

  private static void deleteHostileFiles(Path dir) throws IOException {
    for (String name : List.of("health", "status", "tailscale", "stderr")) {
      Files.deleteIfExists(dir.resolve(name));
    }
  }

  /** Switches off the GPU, disk, hang and hostile faults (killed processes and a new key stay). */
  public void clear() {
    gpuIdle(false);
    diskFull(false);
    sshHang(false);
    hostile(java.util.Set.of(), null);
  }

  private void flag(String name, boolean on) {
    Path file = folder.fault(name);
    try {
      if (on) {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
      } else {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot switch fault " + name, e);
    }
  }
}
