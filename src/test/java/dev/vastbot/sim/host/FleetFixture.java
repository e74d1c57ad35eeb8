package dev.vastbot.sim.host;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.security.SecurityUtils;

/** A fleet under a temp folder whose hosts authorize one ed25519 key, plus SSH shells to them. */
final class FleetFixture implements AutoCloseable {
  static final long SEED = 42;

  final KeyPair key = ed25519();
  final Map<Long, List<String>> authorized = new ConcurrentHashMap<>();
  final SimHostFleet fleet;
  final Path root;

  FleetFixture(Path root) {
    this.root = root;
    this.fleet = new SimHostFleet(root, id -> authorized.getOrDefault(id, List.of()), SEED);
  }

  /** Attaches {@code id} and authorizes {@link #key} on it. */
  SimHost attach(long id, String gpuName, int gpus) {
    authorized.put(id, List.of(line(key)));
    fleet.attach(id, gpuName, gpus);
    return fleet.host(id).orElseThrow();
  }

  HostShell shell(SimHost host) {
    return HostShell.login(host.sshPort(), key);
  }

  static KeyPair ed25519() {
    try {
      KeyPairGenerator generator = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA);
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The authorized_keys line of {@code pair}. */
  static String line(KeyPair pair) {
    return PublicKeyEntry.toString(pair.getPublic()) + " test@vastbot";
  }

  @Override
  public void close() {
    fleet.close();
  }
}
