package dev.vastbot.app;

import dev.vastbot.config.SyncConfig;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.port.HostKeyPins;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.ssh.MinaRemoteShell;
import dev.vastbot.ssh.SpaceLimits;
import dev.vastbot.ssh.SshKeys;
import dev.vastbot.ssh.SshSettings;
import dev.vastbot.ssh.StreamingDataSync;
import dev.vastbot.ssh.SyncSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SSH side of the bot: the client (started on first use) and the public key to register. */
public final class SshSetup {
  private static final Logger log = LoggerFactory.getLogger(SshSetup.class);

  private SshSetup() {}

  public static RemoteShell shell(VastbotConfig config, HostKeyPins pins, Clock clock) {
    return shell(config, config.vast().sshKey(), pins, clock);
  }

  static RemoteShell shell(VastbotConfig config, Path key, HostKeyPins pins, Clock clock) {
    var settings = SshSettings.defaults(key)
        .withTimeouts(config.health().connectTimeout(), config.health().connectTimeout());
    return new LazyRemoteShell(() -> MinaRemoteShell.start(settings, pins, clock));
  }

  /** {@link #dataSync(RemoteShell, SyncConfig)} with the default quota and floor. */
  public static DataSync dataSync(RemoteShell shell) {
    return dataSync(shell, new SyncConfig(List.of(), Path.of(".")));
  }

  /**
   * The data sync over the same SSH client, sessions and host-key pins as {@code shell} (from
   * {@link #shell}); {@code ~/} paths are the login's home on the instance. Its pulls share one
   * reservation of local space under {@code sync}'s quota and floor: make one per process; the
   * minimum transfer rate is {@code sync}'s too.
   */
  public static DataSync dataSync(RemoteShell shell, SyncConfig sync) {
    var limits = new SpaceLimits(sync.maxBytesPerInstance(), sync.keepFreePercent());
    var defaults = SyncSettings.defaults();
    // every termination that runs side by side gets a pull of its own: none waits on another's
    var settings = defaults
        .withParallelInstances(Math.max(defaults.parallelInstances(), sync.parallelTerminations()))
        .withMinimumRate(sync.minBytesPerSecond(), sync.minRateGrace());
    return new LoginHomeSync(shell, () -> {
      if (!(shell instanceof LazyRemoteShell lazy) || !(lazy.started() instanceof MinaRemoteShell mina)) {
        throw new IllegalStateException("no MINA SSH client behind this shell");
      }
      return StreamingDataSync.over(mina, settings, limits);
    });
  }

  /** The OpenSSH public key line of the configured key, or empty (with a warning) if unreadable. */
  public static Optional<String> publicKey(Path key) {
    if (!Files.exists(key)) {
      log.warn("VAST_SSH_KEY: no file at " + key
          + "; new instances get no key from vastbot and SSH checks will fail");
      return Optional.empty();
    }
    try {
      return Optional.of(SshKeys.openSshPublicKey(SshKeys.load(key).getPublic()) + " vastbot");
    } catch (IllegalArgumentException unreadable) {
      log.warn(unreadable.getMessage());
      return Optional.empty();
    }
  }
}
