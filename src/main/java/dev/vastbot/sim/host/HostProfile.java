package dev.vastbot.sim.host;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The fixed facts of one simulated host, as its stand-ins read them from {@code ~/.sim/host.conf}.
 *
 * @param tailscaleIp its unique 100.64.x.y tailnet address
 * @param p2pPort the loopback port its P2P orchestrator is meant to serve on
 * @param boardType the board its self-play worker plays (from the GPU, as vast_keepalive.py picks)
 * @param gpusWithoutPowerReading indexes whose {@code power.draw} reads {@code [N/A]}
 */
record HostProfile(
    long instanceId,
    NvidiaGpu gpu,
    int gpuCount,
    String tailscaleIp,
    int p2pPort,
    String boardType,
    List<Integer> gpusWithoutPowerReading) {

  HostProfile {
    gpusWithoutPowerReading = List.copyOf(gpusWithoutPowerReading);
  }

  /**
   * A new profile, deterministic from {@code random} (seeded from the fleet seed and instance id)
   * except for the tailnet address, which steps past {@code takenIps}.
   */
  static HostProfile derive(
      long instanceId,
      String gpuName,
      int gpuCount,
      SplittableRandom random,
      Set<String> takenIps,
      int p2pPort) {
    String ip;
    do {
      ip = "100.64." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    } while (takenIps.contains(ip));
    List<Integer> noPower =
        java.util.stream.IntStream.range(0, Math.max(1, gpuCount))
            .filter(index -> index > 0 && random.nextInt(3) == 0)
            .boxed()
            .toList();
    return new HostProfile(
        instanceId,
        NvidiaGpu.forVastName(gpuName),
        Math.max(1, gpuCount),
        ip,
        p2pPort,
        boardFor(gpuName),
        noPower);
  }

  /** This profile for a host that now has {@code gpuName} x {@code gpuCount} (same address). */
  HostProfile withGpus(String gpuName, int newGpuCount) {
    return new HostProfile(
        instanceId,
        NvidiaGpu.forVastName(gpuName),
        Math.max(1, newGpuCount),
        tailscaleIp,
        p2pPort,
        boardFor(gpuName),
        gpusWithoutPowerReading);
  }

  HostProfile withP2pPort(int port) {
    return new HostProfile(
        instanceId, gpu, gpuCount, tailscaleIp, port, boardType, gpusWithoutPowerReading);
  }

  HostProfile withTailscaleIp(String ip) {
    return new HostProfile(
        instanceId, gpu, gpuCount, ip, p2pPort, boardType, gpusWithoutPowerReading);
  }

  /** The node id vastbot gives this host in the P2P network. */
  String nodeName() {
    return "vast-" + instanceId;
  }

  /** {@code ~/.sim/host.conf}: POSIX sh assignments the stand-ins source. */
  String shellConf() {
    String noPower =
        gpusWithoutPowerReading.stream().map(String::valueOf).collect(Collectors.joining(" "));
    return String.join(
        "\n",
        "# Facts of this simulated Vast host, written by SimHostFleet at every attach.",
        "SIM_INSTANCE_ID=" + instanceId,
        "SIM_NODE_NAME='" + nodeName() + "'",
        "SIM_GPU_NAME='" + gpu.smiName().replace("'", "") + "'",
        "SIM_GPU_COUNT=" + gpuCount,
        "SIM_GPU_MEMORY_MIB=" + gpu.memoryMib(),
        "SIM_GPU_POWER_LIMIT_W=" + gpu.powerLimitWatts(),
        "SIM_GPU_POWER_NA='" + noPower + "'",
        "SIM_TAILSCALE_IP='" + tailscaleIp + "'",
        "SIM_P2P_PORT=" + p2pPort,
        "SIM_BOARD_TYPE='" + boardType + "'",
        "");
  }

  /** The board vast_keepalive.py starts workers with for this GPU. */
  static String boardFor(String gpuName) {
    String name = gpuName == null ? "" : gpuName.toLowerCase(Locale.ROOT);
    if (List.of("3060", "3070", "2060", "2080").stream().anyMatch(name::contains)) {
      return "hex8";
    }
    if (List.of("a40", "5090", "h100").stream().anyMatch(name::contains)) {
      return "hexagonal";
    }
    return "square8";
  }
}
