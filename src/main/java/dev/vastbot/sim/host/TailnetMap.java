package dev.vastbot.sim.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code <rootDir>/tailnet.json}: where each attached host's tailnet address is reached from this
 * machine, {@code {"100.64.0.5": "127.0.0.1:41234", ...}} (its P2P port). The orchestrator
 * stand-ins read it to reach peers given by Tailscale IP. Rewritten atomically on every change. Not
 * thread-safe: the fleet guards it.
 */
final class TailnetMap {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, String> routes = new TreeMap<>();

  TailnetMap(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  void route(String tailscaleIp, int p2pPort) {
    routes.put(tailscaleIp, LoopbackPort.ADDRESS.getHostAddress() + ":" + p2pPort);
    save();
  }

  void forget(String tailscaleIp) {
    routes.remove(tailscaleIp);
    save();
  }

  void save() {
    try {
      AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(routes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
