package dev.vastbot.sim.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment every command on a simulated host runs with: a root login in {@code HOME} with
 * the stand-ins first on {@code PATH}, the P2P port, and the markers that tie processes to the
 * host.
 */
record HostEnvironment(long instanceId, Path home, int p2pPort, Path tailnetMap) {
  /** Names the host a process belongs to; unique across fleets (the home is). */
  static final String HOME_MARKER = "SIM_HOST_HOME";

  /** root's login shell on a Vast image: bash ({@code /bin/sh} where bash is not installed). */
  static final String LOGIN_SHELL = firstExecutable("/bin/bash", "/usr/bin/bash").orElse("/bin/sh");

  /** util-linux setsid, to give each command its own session (empty where it is missing). */
  static final Optional<String> SETSID = firstExecutable("/usr/bin/setsid", "/bin/setsid");

  Map<String, String> variables() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", home.toString());
    env.put("PATH", home.resolve(".sim/bin") + ":/usr/local/bin:/usr/bin:/bin");
    env.put("USER", "root");
    env.put("LOGNAME", "root");
    env.put("SHELL", LOGIN_SHELL);
    env.put("LANG", "C.UTF-8");
    env.put("RINGRIFT_P2P_PORT", Integer.toString(p2pPort));
    env.put("SIM_HOST_ID", Long.toString(instanceId));
    env.put(HOME_MARKER, home.toString());
    env.put("SIM_TAILNET_MAP", tailnetMap.toString());
    env.put("SIM_WORK_QUEUE", workQueueOf(tailnetMap).toString());
    return env;
  }

  /** The fleet's work queue file (pending games, one number) beside its tailnet map. */
  static Path workQueueOf(Path tailnetMap) {
    return tailnetMap.resolveSibling("work-queue");
  }

  /** {@code [setsid] <login shell> -c command}. */
  static List<String> shellCommand(String command) {
    List<String> argv = new ArrayList<>();
    SETSID.ifPresent(argv::add);
    argv.add(LOGIN_SHELL);
    argv.add("-c");
    argv.add(command);
    return argv;
  }

  private static Optional<String> firstExecutable(String... paths) {
    return Arrays.stream(paths).filter(path -> Files.isExecutable(Path.of(path))).findFirst();
  }
}
