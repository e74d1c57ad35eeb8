package dev.vastbot.ssh;

import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.sync.SyncRecord;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncRequest;
import dev.vastbot.store.JdbcFleetStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A pull run in a JVM of its own, so a test can give it a small heap or a small disk (see {@link
 * SyncChildJvm}): {@code huge-listing <work dir>} pulls from a host whose listing is 128 MiB;
 * {@code full-disk <work dir> <local dir> <store file>} pulls files listed as empty that arrive at
 * 12 MiB each, then records the outcome in a SQLite store beside the copies. Prints {@code key=value}
 * lines; exits 0 unless the JVM itself fails.
 */
final class SyncChild {
  /** 128 MiB of valid JSON, made on the host: one small entry repeated, then spaces. */
  static final String HUGE_LISTING = String.join("\n",
      "def list_roots(req):",
      "    size = 128 << 20",
      "    out.write(b'VBM1 %d\\n' % size)",
      "    item = b'[\"/a\",0,0,420,0,null],'",
      "    head = b'{\"entries\":['",
      "    block = item * 65536",
      "    count = (size - len(head) - 64) // len(item)",
      "    out.write(head)",
      "    written = 0",
      "    while count - written >= 65536:",
      "        out.write(block)",
      "        written += 65536",
      "    out.write(item * (count - written - 1) + item[:-1] + b']}')",
      "    rest = size - len(head) - count * len(item) + 1 - 2",
      "    out.write(b' ' * rest)",
      "    out.flush()",
      "");

  private SyncChild() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[1]));
    try (var fixture = new SyncFixture(work)) {
      switch (args[0]) {
        case "huge-listing" -> hugeListing(fixture, work);
        case "full-disk" -> fullDisk(fixture, Path.of(args[2]), Path.of(args[3]));
        default -> throw new IllegalArgumentException(args[0]);
      }
    }
    System.out.flush();
    System.exit(0);
  }

  private static void hugeListing(SyncFixture fixture, Path work) throws Exception {
    Path root = fixture.host.home().resolve("data");
    SyncFixture.write(root.resolve("a.jsonl"), 1000, 1);
    String script = RemoteSyncScript.standardText().replace("def list_roots(req):",
        HUGE_LISTING + "\ndef old_list_roots(req):");
    var sync = fixture.sync(SyncSettings.defaults(), FreeSpace.FILE_STORE,
        new RemoteSyncScript(script));
    print(sync.pull(fixture.target(), new SyncRequest(List.of(root.toString()),
        work.resolve("synced"), false, Duration.ofSeconds(120)), SyncProgress.NONE));
  }

  private static void fullDisk(SyncFixture fixture, Path localDir, Path storeFile)
      throws Exception {
    Path root = fixture.host.home().resolve("data/games");
    for (int i = 0; i < 8; i++) {
      SyncFixture.write(root.resolve("game-" + i + ".jsonl"), 12 << 20, i);
    }
    String script = RemoteSyncScript.standardText().replace(
        "entries.append([shown, st.st_size,", "entries.append([shown, 0,");
    var settings = new SyncSettings(4, 2, Duration.ofSeconds(60), Duration.ofSeconds(30),
        500_000, 8 << 20, 1L << 20, Duration.ofMillis(250), 0, Duration.ofSeconds(60));
    var sync = fixture.sync(settings, FreeSpace.FILE_STORE, new RemoteSyncScript(script));
    try (var store = JdbcFleetStore.open("jdbc:sqlite:" + storeFile)) {
      SyncReport report = sync.pull(fixture.target(), new SyncRequest(List.of(root.toString()),
          localDir, false, Duration.ofSeconds(120)), SyncProgress.NONE);
      print(report);
      System.out.println("local_bytes=" + bytesUnder(localDir));
      try {
        store.recordSync(new SyncRecord(SyncFixture.INSTANCE, Instant.now(),
            report.filesCopied(), report.bytesCopied(), report.verified(), "test"));
        System.out.println("recorded=" + store.syncRecords().size());
      } catch (RuntimeException e) {
        System.out.println("record_failed=" + e.getMessage());
      }
    }
  }

  private static void print(SyncReport report) {
    System.out.println("failure=" + report.failure());
    System.out.println("detail=" + report.failureDetail());
    System.out.println("verified=" + report.verified());
    System.out.println("copied=" + report.filesCopied());
    System.out.println("problems=" + report.problems().size());
  }

  private static long bytesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    }
  }
}
