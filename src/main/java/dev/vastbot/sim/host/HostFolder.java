package dev.vastbot.sim.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated host's folder, {@code <rootDir>/host-<id>/}: {@code root/} is its home ({@code
 * /root} on a real Vast host), {@code etc/ssh/} holds its SSH host key. In the home, {@code .sim/}
 * holds the stand-ins ({@code bin/}), their shared shell functions ({@code lib/}), the host's facts
 * ({@code host.conf}) and the switched-on faults ({@code faults/<name>} flag files).
 */
record HostFolder(Path dir) {
  static final String RESOURCES = "/sim-host/";
  private static final List<String> STAND_INS =
      List.of("nvidia-smi", "tailscale", "df", "pgrep", "pkill", "python", "curl");
  private static final List<String> LIBRARIES = List.of("host-procs.sh");

  static HostFolder of(Path rootDir, long instanceId) {
    return new HostFolder(rootDir.resolve("host-" + instanceId).toAbsolutePath().normalize());
  }

  Path home() {
    return dir.resolve("root");
  }

  Path simDir() {
    return home().resolve(".sim");
  }

  Path standIns() {
    return simDir().resolve("bin");
  }

  Path hostConf() {
    return simDir().resolve("host.conf");
  }

  Path fault(String name) {
    return simDir().resolve("faults").resolve(name);
  }

  Path hostKey() {
    return dir.resolve("etc/ssh/ssh_host_ed25519_key");
  }

  Path aiService() {
    return home().resolve("ringrift/ai-service");
  }

  /** Writes (again) the stand-ins and {@code host.conf}; the rest of the home is left alone. */
  void install(HostProfile profile) {
    try {
      Files.createDirectories(standIns());
      Files.createDirectories(simDir().resolve("lib"));
      Files.createDirectories(fault("x").getParent());
      Files.createDirectories(hostKey().getParent());
      for (String name : STAND_INS) {
        Path target = standIns().resolve(name);
        copyResource("bin/" + name, target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      for (String name : LIBRARIES) {
        copyResource("lib/" + name, simDir().resolve("lib").resolve(name));
      }
      AtomicFile.write(hostConf(), profile.shellConf().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up host folder " + dir, e);
    }
  }

  /** The tailnet address and P2P port an earlier attach (maybe by another fleet) wrote here. */
  Optional<Map<String, String>> earlierFacts() {
    if (!Files.isRegularFile(hostConf())) {
      return Optional.empty();
    }
    try {
      Map<String, String> facts = new HashMap<>();
      for (String line : Files.readAllLines(hostConf(), StandardCharsets.UTF_8)) {
        int equals = line.indexOf('=');
        if (equals > 0 && !line.startsWith("#")) {
          facts.put(line.substring(0, equals), line.substring(equals + 1).replace("'", ""));
        }
      }
      return Optional.of(facts);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static void copyResource(String name, Path target) throws IOException {
    try (InputStream in = HostFolder.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException("missing resource " + RESOURCES + name);
      }
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
