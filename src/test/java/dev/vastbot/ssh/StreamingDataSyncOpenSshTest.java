package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.TempFolders;
import dev.vastbot.fleet.port.HostKeyPins;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncRequest;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull against OpenSSH's own sshd on loopback: a training tree with a WAL database whose rows
 * are only in its -wal (the real sqlite3 CLI takes the snapshot), then a warm re-sync on the same
 * kept session that copies nothing.
 */
class StreamingDataSyncOpenSshTest {
  @TempDir Path dir;
  private Path clientKey;
  private Path authorized;
  private Path hostKey;
  private Path home;

  @BeforeEach
  void keysAndHome() throws Exception {
    OpenSshDaemon.requireInstalled();
    clientKey = OpenSshDaemon.keygen(dir.resolve("vast_ed25519"), "ed25519");
    authorized = Files.copy(dir.resolve("vast_ed25519.pub"), dir.resolve("authorized_keys"));
    hostKey = OpenSshDaemon.keygen(dir.resolve("host_ed25519"), "ed25519");
    home = Files.createDirectories(dir.resolve("instance"));
  }

  /** The bot's side: a MINA client with our key, pinning host keys in {@code pins}. */
  private MinaRemoteShell shell(HostKeyPins pins) {
    return MinaRemoteShell.start(SshSettings.defaults(clientKey), pins, MutableClock.atEpochDay());
  }

  /** OpenSSH's sshd on a free loopback port, the hosts' plain shell, and {@code config} lines. */
  private OpenSshDaemon sshd(String... config) throws Exception {
    var lines = new java.util.ArrayList<>(List.of("SetEnv PATH=/usr/bin:/bin SHLVL=1"));
    lines.addAll(List.of(config));
    return OpenSshDaemon.start(dir, OpenSshDaemon.freePort(), hostKey, authorized, lines);
  }

  @Test
  void pullsATreeWithAWalDatabaseThenCopiesNothingOnTheSameSession() throws Exception {
    List<String> roots = SyncFixture.tree(home, 40, 2 << 20);
    Path db = Path.of(roots.get(2));
    Process writer = SyncFixture.walWriter(db, 250);
    Path localDir = dir.resolve("synced/vast-7");
    var request = new SyncRequest(roots, localDir, false, Duration.ofSeconds(60));
    var pins = new InMemoryHostKeyPins();
    try (var shell = shell(pins); var sshd = sshd()) {
      var sync = StreamingDataSync.over(shell, SyncSettings.defaults());

      SyncReport cold = sync.pull(sshd.target(7), request, SyncProgress.NONE);
      assertTrue(cold.verified(), cold + "\n" + sshd.log());
      assertEquals(43, cold.filesCopied());
      assertEquals(250, SyncFixture.rows(SyncFixture.local(localDir, db)));
      assertEquals("ok", SyncFixture.integrity(SyncFixture.local(localDir, db)));
      Path checkpoint = Path.of(roots.get(1), "checkpoint_a.pt");
      assertArrayEquals(Files.readAllBytes(checkpoint),
          Files.readAllBytes(SyncFixture.local(localDir, checkpoint)));
      assertTrue(pins.pinnedKey(7).isPresent(), "the host key is pinned");

      SyncReport warm = sync.pull(sshd.target(7), request, SyncProgress.NONE);
      assertTrue(warm.verified(), warm.toString());
      assertEquals(0, warm.filesCopied());
      assertEquals(43, warm.filesUnchanged());
      assertEquals(1, sshd.acceptedLogins(), "one login: the warm pull reused the session");
    } finally {
      SyncFixture.stop(writer);
    }
  }

  /**
   * OpenSSH frees a channel only when both sides have closed it, and refuses more than
   * MaxSessions at once on a connection: pulls in a row on one kept session (the bot keeps its
   * sessions) must close every channel they open, or a later pull is refused one.
   */
  @Test
  void pullsInARowOnOneKeptSession_leaveNoChannelOpenOnTheServer() throws Exception {
    // 72 MB: enough for two streams, so each pull opens three channels (a listing, two streams)
    List<String> roots = SyncFixture.tree(home, 20, 48 << 20).subList(0, 2);
    Path localDir = dir.resolve("synced/vast-8");
    var request = new SyncRequest(roots, localDir, false, Duration.ofSeconds(60));
    var settings = SyncSettings.defaults();
    assertTrue(settings.streamsPerInstance() >= 2, "the default pulls with more than one stream");
    try (var shell = shell(new InMemoryHostKeyPins()); var sshd = sshd("MaxSessions 4")) {
      var sync = StreamingDataSync.over(shell, settings);
      for (int pull = 1; pull <= 5; pull++) {
        TempFolders.deleteRecursively(localDir); // a cold pull each time: every file streamed again
        SyncReport report = sync.pull(sshd.target(8), request, SyncProgress.NONE);
        assertTrue(report.verified(), "pull " + pull + ": " + report + "\n" + sshd.log());
        assertEquals(22, report.filesCopied(), "pull " + pull);
      }
      assertEquals(1, sshd.acceptedLogins(), "every pull on the one kept session");
    }
  }

  /** A host that allows one channel at a time still gets its data copied, over one stream. */
  @Test
  void aHostThatAllowsOneChannelAtATime_isPulledOverOneStream() throws Exception {
    List<String> roots = SyncFixture.tree(home, 20, 48 << 20).subList(0, 2);
    Path localDir = dir.resolve("synced/vast-9");
    var request = new SyncRequest(roots, localDir, false, Duration.ofSeconds(60));
    try (var shell = shell(new InMemoryHostKeyPins()); var sshd = sshd("MaxSessions 1")) {
      var sync = StreamingDataSync.over(shell, SyncSettings.defaults());

      SyncReport report = sync.pull(sshd.target(9), request, SyncProgress.NONE);

      assertTrue(report.verified(), report + "\n" + sshd.log());
      assertEquals(22, report.filesCopied());
      Path checkpoint = Path.of(roots.get(1), "checkpoint_a.pt");
      assertArrayEquals(Files.readAllBytes(checkpoint),
          Files.readAllBytes(SyncFixture.local(localDir, checkpoint)));
    }
  }
}
