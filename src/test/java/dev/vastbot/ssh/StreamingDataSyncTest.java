package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncReport.Failure;
import dev.vastbot.fleet.sync.SyncRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StreamingDataSync} against a simulated host's real MINA SSH server (bash, python3). */
class StreamingDataSyncTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private SyncFixture fixture;
  private Path home;
  private Path localDir;

  @BeforeEach
  void start() {
    fixture = new SyncFixture(dir);
    home = fixture.host.home();
    localDir = dir.resolve("synced/vast-31");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private SyncRequest request(List<String> roots) {
    return new SyncRequest(roots, localDir, false, DEADLINE);
  }

  private Path local(String remote) {
    return SyncFixture.local(localDir, Path.of(remote));
  }

  @Test
  void pullsFilesByteForByteAndAWalDatabaseWithEveryRow() throws Exception {
    List<String> roots = SyncFixture.tree(home, 30, 3 << 20);
    Path db = Path.of(roots.get(2));
    Process writer = SyncFixture.walWriter(db, 500);
    List<SyncProgress.Status> updates = new ArrayList<>();
    try {
      SyncReport report = fixture.sync().pull(fixture.target(), request(roots), updates::add);

      assertTrue(report.verified(), report.toString());
      assertEquals(33, report.filesCopied());
      assertEquals(1, report.databases());
      assertEquals(500, SyncFixture.rows(local(db.toString())));
      assertEquals("ok", SyncFixture.integrity(local(db.toString())));
      try (var files = Files.walk(Path.of(roots.get(0)))) {
        for (Path remote : files.filter(Files::isRegularFile).toList()) {
          assertArrayEquals(Files.readAllBytes(remote), Files.readAllBytes(local(remote.toString())));
        }
      }
      Path checkpoint = Path.of(roots.get(1), "checkpoint_a.pt");
      assertArrayEquals(Files.readAllBytes(checkpoint), Files.readAllBytes(local(checkpoint.toString())));
      assertEquals(Files.getLastModifiedTime(checkpoint), Files.getLastModifiedTime(local(checkpoint.toString())));
      var last = updates.get(updates.size() - 1);
      assertEquals(33, last.filesDone());
      assertEquals(last.bytesTotal(), last.bytesDone());
    } finally {
      SyncFixture.stop(writer);
    }
  }

  @Test
  void aSecondPullCopiesNothingAndAChangedFileAgain() throws Exception {
    List<String> roots = SyncFixture.tree(home, 20, 1 << 20);
    Process writer = SyncFixture.walWriter(Path.of(roots.get(2)), 10);
    try {
      var sync = fixture.sync();
      assertTrue(sync.pull(fixture.target(), request(roots), SyncProgress.NONE).verified());

      SyncReport again = sync.pull(fixture.target(), request(roots), SyncProgress.NONE);
      assertTrue(again.verified(), again.toString());
      assertEquals(0, again.filesCopied());
      assertEquals(23, again.filesUnchanged());
      assertEquals(0, again.bytesCopied());

      Path changed = Path.of(roots.get(0), "run-1/game-1.jsonl");
      Files.writeString(changed, "changed");
      Files.setLastModifiedTime(changed, FileTime.fromMillis(1_000_000));
      SyncReport third = sync.pull(fixture.target(), request(roots), SyncProgress.NONE);
      assertTrue(third.verified(), third.toString());
      assertEquals(1, third.filesCopied());
      assertEquals(22, third.filesUnchanged());
      assertEquals("changed", Files.readString(local(changed.toString())));
      assertEquals(List.of(), SyncFixture.filesEndingWith(localDir, MirrorPaths.PART_SUFFIX));
    } finally {
      SyncFixture.stop(writer);
    }
  }

  @Test
  void anInterruptedPullLeavesOnlyAPartAndTheNextOneResumesIt() throws Exception {
    Path big = home.resolve("models/big.pt");
    SyncFixture.write(big, 24 << 20, 5);
    List<String> roots = List.of(home.resolve("models").toString());
    // The host stalls its first stream after 12 MB (a slow link), so the interrupt comes mid-file
    // however the machine schedules the threads; the resumed pull (offset > 0) does not stall.
    String stalling = RemoteSyncScript.standardText().replace("            left -= n\n",
        "            left -= n\n            if offset == 0 and before.st_size - left > (12 << 20):\n"
            + "                out.flush(); __import__('time').sleep(20); offset = -1\n");
    var sync = fixture.sync(SyncSettings.defaults().withProgressInterval(Duration.ZERO),
        FreeSpace.FILE_STORE, new RemoteSyncScript(stalling));
    Thread caller = Thread.currentThread();
    SyncProgress interruptMidFile = status -> {
      if (status.bytesDone() > (8 << 20)) {
        caller.interrupt(); // the pulling thread, whichever thread reports the progress
      }
    };
    assertThrows(InterruptedException.class,
        () -> sync.pull(fixture.target(), request(roots), interruptMidFile));
    assertFalse(Thread.interrupted());
    assertFalse(Files.exists(local(big.toString())), "no half file under the real name");
    Path part = MirrorPaths.partOf(local(big.toString()));
    long kept = Files.size(part);
    assertTrue(kept > 0 && kept < Files.size(big), "part of " + kept + " bytes");

    SyncReport resumed = sync.pull(fixture.target(), request(roots), SyncProgress.NONE);
    assertTrue(resumed.verified(), resumed.toString());
    assertEquals(Files.size(big) - kept, resumed.bytesCopied());
    assertArrayEquals(Files.readAllBytes(big), Files.readAllBytes(local(big.toString())));
    assertFalse(Files.exists(part));
  }

  @Test
  void aChecksumThatStillDiffersIsCopiedTwiceThenReported() throws Exception {
    SyncFixture.write(home.resolve("models/bad.pt"), 100_000, 1);
    SyncFixture.write(home.resolve("models/good.pt"), 100_000, 2);
    String lying = RemoteSyncScript.standardText().replace(
        "def remote_digest(hasher, path):\n    return hasher.digest()",
        "def remote_digest(hasher, path):\n"
            + "    return bytes(32) if path.endswith('bad.pt') else hasher.digest()");
    var sync = fixture.sync(SyncSettings.defaults(), FreeSpace.FILE_STORE,
        new RemoteSyncScript(lying));

    SyncReport report = sync.pull(fixture.target(), request(List.of(home.resolve("models").toString())),
        SyncProgress.NONE);

    assertFalse(report.verified());
    assertNull(report.failure());
    assertEquals(1, report.filesCopied());
    assertEquals(3 * 100_000, report.bytesCopied(), "good once, bad twice");
    assertEquals(1, report.problems().size(), report.problems().toString());
    assertTrue(report.problems().get(0).contains("bad.pt"), report.problems().toString());
    assertFalse(Files.exists(local(home.resolve("models/bad.pt").toString())));
    assertEquals(List.of(), SyncFixture.filesEndingWith(localDir, MirrorPaths.PART_SUFFIX));
  }

  @Test
  void aFullLocalDiskFailsBeforeAnythingIsWritten() throws Exception {
    SyncFixture.write(home.resolve("models/a.pt"), 200_000, 1);
    var sync = fixture.sync(SyncSettings.defaults(), directory -> new FreeSpace.Space(1L << 40, 100L << 20),
        RemoteSyncScript.standard());

    SyncReport report = sync.pull(fixture.target(), request(List.of(home.resolve("models").toString())),
        SyncProgress.NONE);

    assertEquals(Failure.LOCAL_DISK_FULL, report.failure());
    assertTrue(report.failureDetail().contains("MiB"), report.failureDetail());
    assertFalse(Files.exists(localDir));
  }

  @Test
  void aHostileListingWritesNothingOutsideTheLocalFolder() throws Exception {
    Path models = home.resolve("models");
    SyncFixture.write(models.resolve("ok.pt"), 1000, 1);
    Path outside = dir.resolve("outside");
    SyncFixture.write(outside.resolve("secret"), 100, 2);
    Files.createSymbolicLink(models.resolve("link.pt"), outside.resolve("secret"));
    Files.createSymbolicLink(models.resolve("linked-dir"), outside);
    String root = models.toString();
    String hostile = RemoteSyncScript.standardText().replace(
        "    body = json.dumps({\"entries\": entries,",
        "    entries += [[p, 100, 1, 420, 0, None] for p in ["
            + "'" + root + "/../../../outside/x', '/etc/x', '" + root + "/a\\x00b', "
            + "'" + root + "//b', '" + root + "/./c', '../../etc/y', '" + root + "/d.vastbot-part']]\n"
            + "    body = json.dumps({\"entries\": entries,");
    var sync = fixture.sync(SyncSettings.defaults(), FreeSpace.FILE_STORE,
        new RemoteSyncScript(hostile));

    SyncReport report = sync.pull(fixture.target(), request(List.of(root)), SyncProgress.NONE);

    assertNull(report.failure(), report.failureDetail());
    assertEquals(1, report.filesCopied(), report.toString());
    assertTrue(report.problems().size() >= 8, report.problems().toString());
    try (var all = Files.walk(localDir)) {
      assertEquals(List.of(local(models.resolve("ok.pt").toString())),
          all.filter(file -> !Files.isDirectory(file)).toList());
    }
    try (var all = Files.walk(outside)) {
      assertEquals(List.of(outside, outside.resolve("secret")), all.sorted().toList());
    }
    try (var synced = Files.list(localDir.getParent())) {
      assertEquals(List.of(localDir), synced.toList());
    }
    assertFalse(Files.exists(Path.of("/etc/x")));
  }

  @Test
  void anUnreachableHostFailsQuickly() throws Exception {
    var target = new SshTarget(99, new HostPort("127.0.0.1", OpenSshDaemon.freePort()));
    long started = System.nanoTime();

    SyncReport report = fixture.sync().pull(target, request(List.of("/root/data")), SyncProgress.NONE);

    assertEquals(Failure.UNREACHABLE, report.failure(), report.toString());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5);
  }

  @Test
  void aMissingPathIsReportedNotFailed() throws Exception {
    SyncFixture.write(home.resolve("models/a.pt"), 1000, 1);
    String missing = home.resolve("nope").toString();

    SyncReport report = fixture.sync().pull(fixture.target(),
        request(List.of(home.resolve("models").toString(), missing)), SyncProgress.NONE);

    assertTrue(report.verified(), report.toString());
    assertEquals(List.of(missing), report.missingPaths());
    assertEquals(1, report.filesCopied());
  }

  @Test
  void withoutTheSqliteCliThePythonBackupApiTakesTheSnapshot() throws Exception {
    Path bin = Files.createDirectories(home.resolve(".sim/bin"));
    Files.writeString(bin.resolve("sqlite3"), "#!/bin/sh\nexit 1\n");
    bin.resolve("sqlite3").toFile().setExecutable(true);
    Path db = home.resolve("data/elo.db");
    Process writer = SyncFixture.walWriter(db, 42);
    try {
      SyncReport report = fixture.sync().pull(fixture.target(), request(List.of(db.toString())),
          SyncProgress.NONE);
      assertTrue(report.verified(), report.toString());
      assertEquals(42, SyncFixture.rows(local(db.toString())));
    } finally {
      SyncFixture.stop(writer);
    }
  }

  @Test
  void rehashAllVerifiesUnchangedFilesWithoutCopying() throws Exception {
    SyncFixture.write(home.resolve("models/a.pt"), 300_000, 1);
    var roots = List.of(home.resolve("models").toString());
    var sync = fixture.sync();
    sync.pull(fixture.target(), request(roots), SyncProgress.NONE);
    var progress = new AtomicLong();

    SyncReport report = sync.pull(fixture.target(), new SyncRequest(roots, localDir, true, DEADLINE),
        status -> progress.set(status.filesDone()));

    assertTrue(report.verified(), report.toString());
    assertEquals(1, report.filesUnchanged());
    assertEquals(0, report.bytesCopied());
    assertEquals(1, progress.get());
  }
}
