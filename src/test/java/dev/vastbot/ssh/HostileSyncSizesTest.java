package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncReport.Failure;
import dev.vastbot.fleet.sync.SyncRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose listing lies about sizes ({@code sync_remote.py} changed to list other sizes than
 * it then sends), against the simulated host's real MINA SSH server: the receiver writes only what
 * was listed, and sizes are summed without overflow.
 */
class HostileSyncSizesTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String LISTED_SIZE = "entries.append([shown, st.st_size,";

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

  /** The standard script, but every file is listed at {@code size} (a python expression). */
  private static RemoteSyncScript listingEverySizeAs(String size) {
    String script = RemoteSyncScript.standardText();
    assertTrue(script.contains(LISTED_SIZE), "the script lists sizes as the test expects");
    return new RemoteSyncScript(script.replace(LISTED_SIZE, "entries.append([shown, " + size + ","));
  }

  private SyncReport pull(RemoteSyncScript script, Path root) throws InterruptedException {
    var sync = fixture.sync(SyncSettings.defaults(), FreeSpace.FILE_STORE, script);
    return sync.pull(fixture.target(), new SyncRequest(List.of(root.toString()), localDir, false,
        DEADLINE), SyncProgress.NONE);
  }

  private List<Path> localFiles() throws Exception {
    if (!Files.exists(localDir)) {
      return List.of();
    }
    try (var files = Files.walk(localDir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void filesListedEmptyThatArriveLargerAreEachRefusedAndNothingIsWritten() throws Exception {
    Path root = home.resolve("data/games");
    for (int i = 0; i < 8; i++) {
      SyncFixture.write(root.resolve("game-" + i + ".jsonl"), (1 << 20) + 4096 * i, i);
    }

    SyncReport report = pull(listingEverySizeAs("0"), root);

    assertFalse(report.verified(), report.toString());
    assertNull(report.failure(), report.failureDetail());
    assertEquals(0, report.filesCopied(), report.toString());
    assertEquals(0, report.bytesCopied(), report.toString());
    assertEquals(8, report.problems().size(), report.problems().toString());
    for (int i = 0; i < 8; i++) {
      String name = "game-" + i + ".jsonl";
      String offered = "offered " + ((1 << 20) + 4096 * i) + " bytes, not the 0 it listed";
      assertTrue(report.problems().stream().anyMatch(problem -> problem.contains(name)
          && problem.contains(offered)),
          report.problems().toString());
    }
    assertEquals(List.of(), localFiles(), "nothing beyond the listed 0 bytes on disk");
  }

  @Test
  void aFileOfferingMoreThanListedDoesNotStopTheFilesAfterIt() throws Exception {
    Path root = home.resolve("models");
    SyncFixture.write(root.resolve("a.pt"), 100_000, 1);
    SyncFixture.write(root.resolve("b.pt"), 200_000, 2);
    SyncFixture.write(root.resolve("c.pt"), 300_000, 3);

    SyncReport report = pull(listingEverySizeAs(
        "(1000 if name == 'b.pt' else st.st_size)"), root);

    assertFalse(report.verified(), report.toString());
    assertEquals(2, report.filesCopied(), report.toString());
    assertEquals(1, report.problems().size(), report.problems().toString());
    assertTrue(report.problems().get(0).contains("b.pt"), report.problems().toString());
    assertEquals(List.of(localDir.resolve(root.toString().substring(1)).resolve("a.pt"),
        localDir.resolve(root.toString().substring(1)).resolve("c.pt")),
        localFiles().stream().sorted().toList());
  }

  @Test
  void sizesThatOverflowWhenSummedAreRefusedBeforeCopying() throws Exception {
    Path root = home.resolve("models");
    for (int i = 0; i < 4; i++) {
      SyncFixture.write(root.resolve("huge-" + i + ".pt"), 1000, i);
    }

    SyncReport report = pull(listingEverySizeAs("1 << 62"), root);

    assertEquals(Failure.OVER_QUOTA, report.failure(), report.toString());
    assertTrue(report.failureDetail().contains("more bytes to copy than can be counted"),
        report.failureDetail());
    assertEquals(0, report.filesCopied());
    assertFalse(Files.exists(localDir), "nothing written, not even a folder");
  }

  @Test
  void aPullAboveTheQuotaIsRefusedBeforeCopyingWithTheFigures() throws Exception {
    Path root = home.resolve("models");
    SyncFixture.write(root.resolve("a.pt"), 3 << 20, 1);
    var sync = fixture.sync(SyncSettings.defaults(), new DiskReservations(FreeSpace.FILE_STORE,
        new SpaceLimits(2L << 20, 10)), RemoteSyncScript.standard());

    SyncReport report = sync.pull(fixture.target(), new SyncRequest(List.of(root.toString()),
        localDir, false, DEADLINE), SyncProgress.NONE);

    assertEquals(Failure.OVER_QUOTA, report.failure(), report.toString());
    assertTrue(report.failureDetail().contains("the copy needs 3 MiB, more than "
        + "sync.max_bytes_per_instance (2 MiB)"), report.failureDetail());
    assertFalse(Files.exists(localDir));
  }
}
