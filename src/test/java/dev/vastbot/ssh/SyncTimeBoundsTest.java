package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncReport.Failure;
import dev.vastbot.fleet.sync.SyncRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rented host cannot hold a pull past its deadline: not with a database whose integrity check
 * runs for minutes, not by trickling bytes just fast enough to beat the stall timer. Real time,
 * with short deadlines; the test itself never sleeps.
 */
class SyncTimeBoundsTest {
  /** What the pull may take beyond its deadline (closing its channels, a loaded machine). */
  private static final Duration SLACK = Duration.ofSeconds(4);

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

  @Test
  void aSlowIntegrityCheckEndsAtTheDeadlineAndTheDatabaseIsNotInstalled() throws Exception {
    Path db = home.resolve("data/elo.db");
    slowToCheck(db, 20_000);
    Duration deadline = Duration.ofSeconds(5);
    long started = System.nanoTime();

    SyncReport report = fixture.sync().pull(fixture.target(),
        new SyncRequest(List.of(db.toString()), localDir, false, deadline), SyncProgress.NONE);

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(Failure.TIMEOUT, report.failure(), report.toString());
    assertTrue(report.failureDetail().contains("integrity check"), report.failureDetail());
    assertTrue(took.compareTo(deadline.plus(SLACK)) < 0, "took " + took);
    assertFalse(Files.exists(SyncFixture.local(localDir, db)), "not installed");
    assertEquals(List.of(), SyncFixture.filesEndingWith(localDir, MirrorPaths.PART_SUFFIX));
  }

  @Test
  void aTrickleOfOneByteEveryTwentySecondsEndsAtTheMinimumRateNotTheDeadline() throws Exception {
    SyncFixture.write(home.resolve("models/a.pt"), 100, 1);
    String trickle = RemoteSyncScript.standardText().replace(
        "            view[0:5] = b\"D\" + struct.pack(\">I\", n)\n"
            + "            out.write(view[:5 + n])\n",
        "            for k in range(n):\n"
            + "                out.write(b\"D\" + struct.pack(\">I\", 1) + bytes(view[5 + k:6 + k]))\n"
            + "                out.flush()\n"
            + "                time.sleep(20)\n");
    assertTrue(trickle.contains("time.sleep(20)"), "the hostile script was built");
    var settings = SyncSettings.defaults().withStallTimeout(Duration.ofSeconds(30))
        .withMinimumRate(1024, Duration.ofSeconds(2));
    var sync = fixture.sync(settings, FreeSpace.FILE_STORE, new RemoteSyncScript(trickle));
    Duration deadline = Duration.ofSeconds(40);
    long started = System.nanoTime();

    SyncReport report = sync.pull(fixture.target(), new SyncRequest(
        List.of(home.resolve("models").toString()), localDir, false, deadline), SyncProgress.NONE);

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(Failure.TIMEOUT, report.failure(), report.toString());
    assertTrue(report.failureDetail().contains("in the last 2 s, below the minimum of 1 KiB/s"),
        report.failureDetail());
    assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
  }

  @Test
  void emptyFilesSentPromptlyButTwentyFiveSecondsApartEndAtTheMinimumRate() throws Exception {
    for (int i = 0; i < 5; i++) {
      SyncFixture.write(home.resolve("models/empty-" + i), 0, i);
    }
    String spaced = RemoteSyncScript.standardText().replace(
        "        path, offset, db = item[\"p\"], int(item[\"o\"]), bool(item[\"db\"])\n",
        "        if index:\n"
            + "            out.flush()\n"
            + "            time.sleep(25)\n"
            + "        path, offset, db = item[\"p\"], int(item[\"o\"]), bool(item[\"db\"])\n");
    assertTrue(spaced.contains("time.sleep(25)"), "the hostile script was built");
    var settings = SyncSettings.defaults().withStallTimeout(Duration.ofSeconds(30))
        .withStreamsPerInstance(1).withMinimumRate(1024, Duration.ofSeconds(2));
    var sync = fixture.sync(settings, FreeSpace.FILE_STORE, new RemoteSyncScript(spaced));
    long started = System.nanoTime();

    SyncReport report = sync.pull(fixture.target(), new SyncRequest(
        List.of(home.resolve("models").toString()), localDir, false, Duration.ofSeconds(60)),
        SyncProgress.NONE);

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(Failure.TIMEOUT, report.failure(), report.toString());
    assertTrue(report.failureDetail().contains("in the last 2 s, below the minimum of 1 KiB/s"),
        report.failureDetail());
    assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
  }

  @Test
  void anHonestSnapshotThatTakesSecondsBeforeItsHeaderIsNotPunished() throws Exception {
    Path plain = home.resolve("data/a.bin");
    SyncFixture.write(plain, 100, 3);
    Path db = home.resolve("data/b.db");
    SyncFixture.stop(SyncFixture.walWriter(db, 50));
    String slowSnapshot = RemoteSyncScript.standardText().replace(
        "def snapshot(path):\n", "def snapshot(path):\n    time.sleep(4)\n");
    assertTrue(slowSnapshot.contains("time.sleep(4)"), "the slow script was built");
    var settings = SyncSettings.defaults().withStallTimeout(Duration.ofSeconds(30))
        .withStreamsPerInstance(1).withMinimumRate(1024, Duration.ofSeconds(2));
    var sync = fixture.sync(settings, FreeSpace.FILE_STORE, new RemoteSyncScript(slowSnapshot));

    SyncReport report = sync.pull(fixture.target(), new SyncRequest(
        List.of(home.resolve("data").toString()), localDir, false, Duration.ofSeconds(60)),
        SyncProgress.NONE);

    assertEquals(null, report.failure(), report.toString());
    assertEquals(2, report.filesCopied(), report.toString());
    assertEquals(50, SyncFixture.rows(SyncFixture.local(localDir, db)));
    assertEquals(100, Files.size(SyncFixture.local(localDir, plain)));
  }

  /**
   * A small database whose {@code PRAGMA integrity_check} takes tens of seconds: an index on an
   * expression, re-declared (writable_schema) as one that builds a 1 MB text for every row. The
   * check evaluates it once per row; its value is the same, so the check ends "ok" if let run.
   */
  private static void slowToCheck(Path db, int rows) throws Exception {
    Files.createDirectories(db.getParent());
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        var statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t(a INTEGER)");
      connection.setAutoCommit(false);
      statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
          + rows + ") INSERT INTO t SELECT i FROM n");
      connection.commit();
      connection.setAutoCommit(true);
      statement.execute("CREATE INDEX slow ON t(abs(a))");
      statement.execute("PRAGMA writable_schema = ON");
      statement.execute("UPDATE sqlite_schema SET sql = 'CREATE INDEX slow ON t(abs(a + "
          + "length(printf(''%.*c'', 1000000, ''x'')) * 0))' WHERE name = 'slow'");
      statement.execute("PRAGMA writable_schema = OFF");
    }
  }
}
