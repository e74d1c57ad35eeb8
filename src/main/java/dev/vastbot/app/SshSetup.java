package dev.vastbot.app;

import dev.vastbot.app.config.VastbotConfig;
import dev.vastbot.fleet.remote.HostKeyPins;
import dev.vastbot.fleet.remote.RemoteShell;
import dev.vastbot.fleet.sync.DataSync;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.ssh.MinaRemoteShell;
import dev.vastbot.ssh.SshKeys;
import dev.vastbot.ssh.SshSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** The SSH side of the bot: the client (started on first use) and the public key to register. */
public final class SshSetup {
  private static final System.Logger log = System.getLogger(SshSetup.class.getName());

  private SshSetup() {}

  public static RemoteShell shell(VastbotConfig config, HostKeyPins pins, Clock clock) {
    return shell(config, config.vast().sshKey(), pins, clock);
  }

  static RemoteShell shell(VastbotConfig config, Path key, HostKeyPins pins, Clock clock) {
    var settings = SshSettings.defaults(key)
        .withTimeouts(config.health().connectTimeout(), config.health().connectTimeout());
    return new LazyRemoteShell(() -> MinaRemoteShell.start(settings, pins, clock));
  }

  /**
   * The data sync over the same SSH client as {@code shell}. Until the streaming sync lands, a
   * sync that reports it cannot run: nothing is ever destroyed without a verified copy.
   */
  public static DataSync dataSync(RemoteShell shell) {
    return (target, request, progress) -> new SyncReport(0, 0, 0, 0, java.util.List.of(),
        SyncReport.Failure.REMOTE_ERROR, "data sync is not available in this build", java.util.List.of(),
        java.time.Duration.ZERO);
  }

  /** The OpenSSH public key line of the configured key, or empty (with a warning) if unreadable. */
  public static Optional<String> publicKey(Path key) {
    if (!Files.exists(key)) {
      log.log(System.Logger.Level.WARNING, "VAST_SSH_KEY: no file at " + key
          + "; new instances get no key from vastbot and SSH checks will fail");
      return Optional.empty();
    }
    try {
      return Optional.of(SshKeys.openSshPublicKey(SshKeys.load(key).getPublic()) + " vastbot");
    } catch (IllegalArgumentException unreadable) {
      log.log(System.Logger.Level.WARNING, unreadable.getMessage());
      return Optional.empty();
    }
  }
}
