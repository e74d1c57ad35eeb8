package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.ShellOutcome.Failure;
import dev.vastbot.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MinaRemoteShell} against OpenSSH's real sshd, with keys made by ssh-keygen. */
class OpenSshServerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final InMemoryHostKeyPins pins = new InMemoryHostKeyPins();

  @BeforeEach
  void requireOpenSsh() {
    OpenSshDaemon.requireInstalled();
  }

  @Test
  void runsCommandsPinsTheHostKeyAndRefusesAChangedOne() throws IOException {
    Path clientKey = OpenSshDaemon.keygen(dir.resolve("vast_ed25519"), "ed25519");
    Path authorized = Files.copy(dir.resolve("vast_ed25519.pub"), dir.resolve("authorized_keys"));
    Path hostKey = OpenSshDaemon.keygen(dir.resolve("host_ed25519"), "ed25519");
    Path rebuiltHostKey = OpenSshDaemon.keygen(dir.resolve("host2_ed25519"), "ed25519");
    int port = OpenSshDaemon.freePort();
    var settings = SshSettings.defaults(clientKey);

    try (var shell = MinaRemoteShell.start(settings, pins, MutableClock.atEpochDay())) {
      try (var sshd = OpenSshDaemon.start(dir, port, hostKey, authorized)) {
        ShellOutcome first = shell.run(sshd.target(7), "echo hello; echo oops >&2; exit 3",
            DEADLINE);
        ShellOutcome second = shell.run(sshd.target(7), "id -un", DEADLINE);

        assertEquals("hello\n", first.stdout(), first.message() + "\n" + sshd.log());
        assertEquals("oops\n", first.stderr());
        assertEquals(3, first.exitCode());
        assertEquals("root\n", second.stdout(), second.message());
        assertEquals(1, sshd.acceptedLogins(), "the second command logged in again");
        assertEquals(publicKeyOf(hostKey), pins.pinnedKey(7).orElseThrow());
        assertEquals(OpenSshDaemon.fingerprint(Path.of(hostKey + ".pub")),
            SshKeys.fingerprint(pins.pinnedKey(7).orElseThrow()));
      }
      try (var rebuilt = OpenSshDaemon.start(dir, port, rebuiltHostKey, authorized)) {
        ShellOutcome sameInstance = shell.run(rebuilt.target(7), "echo hi", DEADLINE);
        ShellOutcome newInstance = shell.run(rebuilt.target(8), "echo hi", DEADLINE);

        assertEquals(Failure.HOST_KEY_CHANGED, sameInstance.failure(), sameInstance.message());
        assertTrue(newInstance.succeeded(), newInstance.message() + "\n" + rebuilt.log());
        assertEquals(publicKeyOf(rebuiltHostKey), pins.pinnedKey(8).orElseThrow());
      }
    }
  }

  @Test
  void logsInWithAPemRsaKeyFromSshKeygen() throws IOException {
    Path clientKey = OpenSshDaemon.keygen(dir.resolve("vast_rsa"), "rsa", "-b", "2048", "-m",
        "PEM");
    assertTrue(Files.readString(clientKey).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    Path authorized = Files.copy(dir.resolve("vast_rsa.pub"), dir.resolve("authorized_keys"));
    Path hostKey = OpenSshDaemon.keygen(dir.resolve("host_ed25519"), "ed25519");

    try (var sshd = OpenSshDaemon.start(dir, OpenSshDaemon.freePort(), hostKey, authorized);
        var shell = MinaRemoteShell.start(SshSettings.defaults(clientKey), pins,
            MutableClock.atEpochDay())) {
      ShellOutcome outcome = shell.run(sshd.target(9), "echo rsa", DEADLINE);

      assertEquals("rsa\n", outcome.stdout(), outcome.message() + "\n" + sshd.log());
    }
  }

  @Test
  void reportsARefusedKeyAsAuthRefused() throws IOException {
    Path clientKey = OpenSshDaemon.keygen(dir.resolve("vast_ed25519"), "ed25519");
    OpenSshDaemon.keygen(dir.resolve("other_ed25519"), "ed25519");
    Path authorized = Files.copy(dir.resolve("other_ed25519.pub"), dir.resolve("authorized_keys"));
    Path hostKey = OpenSshDaemon.keygen(dir.resolve("host_ed25519"), "ed25519");

    try (var sshd = OpenSshDaemon.start(dir, OpenSshDaemon.freePort(), hostKey, authorized);
        var shell = MinaRemoteShell.start(SshSettings.defaults(clientKey), pins,
            MutableClock.atEpochDay())) {
      ShellOutcome outcome = shell.run(sshd.target(10), "echo hi", DEADLINE);

      assertEquals(Failure.AUTH_REFUSED, outcome.failure(), outcome.message());
      assertEquals(sshd.target(10) + ": the server refused our key (VAST_SSH_KEY: " + clientKey
          + ")", outcome.message());
    }
  }

  private static String publicKeyOf(Path privateKey) throws IOException {
    String line = Files.readString(Path.of(privateKey + ".pub")).strip();
    return line.substring(0, line.lastIndexOf(' ')); // without the comment
  }
}
