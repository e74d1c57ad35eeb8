package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncReport.Failure;
import dev.vastbot.fleet.sync.SyncRequest;
import dev.vastbot.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The free-space floor and the per-instance quota, held across pulls running at the same time
 * from the simulated host's real MINA SSH server, with the disk's figures injected.
 */
class DiskReservationsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  /** 2 GiB: 10 % is below the 256 MiB margin, so the floor is the margin. */
  private static final long DISK = 2L << 30;
  private static final long FLOOR = 256L << 20;

  @TempDir Path dir;
  private SyncFixture fixture;
  private Path home;

  @BeforeEach
  void start() {
    fixture = new SyncFixture(dir);
    home = fixture.host.home();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private SyncRequest request(Path root, String local) {
    return new SyncRequest(List.of(root.toString()), dir.resolve(local), false, DEADLINE);
  }

  @Test
  void aSecondPullThatWouldCrossTheFloorIsRefusedWhileTheFirstRunsAndTheFirstCompletes()
      throws Exception {
    Path slow = home.resolve("slow");
    Path fast = home.resolve("fast");
    SyncFixture.write(slow.resolve("a.pt"), 2 << 20, 1);
    SyncFixture.write(fast.resolve("b.pt"), 2 << 20, 2);
    Path gate = dir.resolve("gate");
    assertEquals(0, new ProcessBuilder("mkfifo", gate.toString()).start().waitFor());
    Path atTheGate = dir.resolve("at-the-gate");
    String waitsAtTheGate = RemoteSyncScript.standardText().replace("def stream(req):\n",
        "def stream(req):\n    if any('/slow/' in f['p'] for f in req['files']):\n"
            + "        open(" + pythonText(atTheGate) + ", 'w').close()\n"
            + "        open(" + pythonText(gate) + ").read()\n");
    var reservations = new DiskReservations(d -> new FreeSpace.Space(DISK, FLOOR + (3L << 20)),
        SpaceLimits.defaults());
    var sync = fixture.sync(SyncSettings.defaults(), reservations,
        new RemoteSyncScript(waitsAtTheGate));

    var first = CompletableFuture.supplyAsync(() -> pull(sync, request(slow, "a")));
    Eventually.await("the first pull streaming", () -> Files.exists(atTheGate), there -> there);
    long claim = (2L << 20) + entries(slow);
    assertEquals(claim, reservations.reserved());
    SyncReport second = sync.pull(fixture.target(), request(fast, "b"), SyncProgress.NONE);
    CompletableFuture.runAsync(() -> open(gate)); // a FIFO: blocks until the host reads it
    SyncReport firstReport = first.get(60, TimeUnit.SECONDS);

    assertEquals(Failure.LOCAL_DISK_FULL, second.failure(), second.toString());
    assertTrue(second.failureDetail().contains("the copy needs 3 MiB (2 MiB of data and "
        + entries(fast) / 1024 + " KiB for 1 file and " + fast.getNameCount() + " folders at 4 KiB"
        + " each); other pulls have 3 MiB reserved and 259 MiB are free at " + dir.resolve("b")
        + ", and 256 MiB must stay free"), second.failureDetail());
    assertFalse(Files.exists(dir.resolve("b")), "the second pull wrote nothing");
    assertTrue(firstReport.verified(), firstReport.toString());
    assertEquals(1, firstReport.filesCopied());
    assertEquals(0, reservations.reserved(), "released when the pulls ended");
  }

  @Test
  void aPullWithNothingToCopyGoesOnBelowTheFloorAndWritesNothing() throws Exception {
    Path models = home.resolve("models");
    SyncFixture.write(models.resolve("a.pt"), 1 << 20, 1);
    var roomy = fixture.sync(SyncSettings.defaults(),
        d -> new FreeSpace.Space(DISK, DISK), RemoteSyncScript.standard());
    assertTrue(roomy.pull(fixture.target(), request(models, "home"), SyncProgress.NONE).verified());
    var full = fixture.sync(SyncSettings.defaults(),
        d -> new FreeSpace.Space(DISK, FLOOR - 1), RemoteSyncScript.standard());

    SyncReport again = full.pull(fixture.target(), request(models, "home"), SyncProgress.NONE);

    assertTrue(again.verified(), again.toString());
    assertEquals(0, again.bytesCopied());
    assertEquals(1, again.filesUnchanged());
  }

  @Test
  void aPullWithSomethingToCopyIsRefusedBelowTheFloor() throws Exception {
    Path models = home.resolve("models");
    SyncFixture.write(models.resolve("a.pt"), 1 << 10, 1);
    var full = fixture.sync(SyncSettings.defaults(),
        d -> new FreeSpace.Space(DISK, FLOOR - 1), RemoteSyncScript.standard());

    SyncReport report = full.pull(fixture.target(), request(models, "e"), SyncProgress.NONE);

    assertEquals(Failure.LOCAL_DISK_FULL, report.failure(), report.toString());
    assertTrue(report.failureDetail().contains("the copy needs 1 MiB"), report.failureDetail());
  }

  @Test
  void aRefusedPullGivesBackNothingItDidNotTakeAndAFinishedOneGivesBackAll() throws Exception {
    Path models = home.resolve("models");
    SyncFixture.write(models.resolve("a.pt"), 1 << 20, 1);
    var reservations = new DiskReservations(d -> new FreeSpace.Space(DISK, FLOOR + (2L << 20)),
        SpaceLimits.defaults());
    var sync = fixture.sync(SyncSettings.defaults(), reservations, RemoteSyncScript.standard());

    assertTrue(sync.pull(fixture.target(), request(models, "m"), SyncProgress.NONE).verified());
    assertEquals(0, reservations.reserved());
    try (var held = reservations.reserve(dir, new SpaceClaim(2L << 20, 0, 0), FLOOR)) {
      SyncReport refused = sync.pull(fixture.target(), request(models, "n"), SyncProgress.NONE);
      assertEquals(Failure.LOCAL_DISK_FULL, refused.failure(), refused.toString());
      assertEquals(2L << 20, reservations.reserved());
    }
    assertEquals(0, reservations.reserved());
  }

  @Test
  void emptyFilesInDeepNewFoldersAreRefusedBeforeAnythingIsWritten() throws Exception {
    Path deep = home.resolve("deep");
    int files = 200;
    int depth = 20;
    for (int i = 0; i < files; i++) {
      SyncFixture.write(deep.resolve("d" + i).resolve("x/".repeat(depth)).resolve("empty"), 0, i);
    }
    long folders = deep.getNameCount() + (long) files * (depth + 1);
    var reservations = new DiskReservations(d -> new FreeSpace.Space(DISK, FLOOR + (1L << 20)),
        SpaceLimits.defaults());
    var sync = fixture.sync(SyncSettings.defaults(), reservations, RemoteSyncScript.standard());

    SyncReport report = sync.pull(fixture.target(), request(deep, "z"), SyncProgress.NONE);

    assertEquals(Failure.LOCAL_DISK_FULL, report.failure(), report.toString());
    assertTrue(report.failureDetail().contains("(0 MiB of data and " + (files + folders) * 4
        + " KiB for " + files + " files and " + folders + " folders at 4 KiB each)"),
        report.failureDetail());
    assertFalse(Files.exists(dir.resolve("z")), "nothing was written");
    assertEquals(0, reservations.reserved());
  }

  /** The entry overhead of one file directly in {@code remoteFolder}: the file and its folders. */
  private static long entries(Path remoteFolder) {
    return SpaceClaim.ENTRY_BYTES * (1 + remoteFolder.getNameCount());
  }

  private SyncReport pull(StreamingDataSync sync, SyncRequest request) {
    try {
      return sync.pull(fixture.target(), request, SyncProgress.NONE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void open(Path gate) {
    try {
      Files.writeString(gate, "go\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String pythonText(Path path) {
    return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
