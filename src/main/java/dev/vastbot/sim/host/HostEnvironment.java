package dev.vastbot.sim.host;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment every command on a simulated host runs with: a root login in {@code HOME} with
 * the stand-ins first on {@code PATH}, the P2P port, and the markers that tie processes to the host.
 */
record HostEnvironment(long instanceId, Path home, int p2pPort, Path tailnetMap) {
  /** Names the host a process belongs to; unique across fleets (the home is). */
  static final String HOME_MARKER = "SIM_HOST_HOME";

  Map<String, String> variables() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", home.toString());
    env.put("PATH", home.resolve(".sim/bin") + ":/usr/local/bin:/usr/bin:/bin");
    env.put("USER", "root");
    env.put("LOGNAME", "root");
    env.put("SHELL", "/bin/sh");
    env.put("LANG", "C.UTF-8");
    env.put("RINGRIFT_P2P_PORT", Integer.toString(p2pPort));
    env.put("SIM_HOST_ID", Long.toString(instanceId));
    env.put(HOME_MARKER, home.toString());
    env.put("SIM_TAILNET_MAP", tailnetMap.toString());
    return env;
  }
}
