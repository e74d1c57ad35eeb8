package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose listing leaves a requested root out (neither found nor missing), against the
 * simulated host's real MINA SSH server: the root counts as missing, so it cannot pass for an empty
 * folder that was copied.
 */
class HostileSyncRootsTest {
  @TempDir Path dir;
  private SyncFixture fixture;

  @BeforeEach
  void start() {
    fixture = new SyncFixture(dir);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aRootTheListingDoesNotAccountForCountsAsMissing() throws Exception {
    Path games = fixture.host.home().resolve("data/games");
    Path models = fixture.host.home().resolve("data/models");
    SyncFixture.write(games.resolve("game-1.jsonl"), 4096, 1);
    String standard = RemoteSyncScript.standardText();
    assertTrue(standard.contains("missing.append(root)"), "the script lists missing roots as the test expects");
    var silent = new RemoteSyncScript(standard.replace("missing.append(root)", "pass"));
    var sync = fixture.sync(SyncSettings.defaults(), FreeSpace.FILE_STORE, silent);

    SyncReport report = sync.pull(fixture.target(), new SyncRequest(
        List.of(games.toString(), models.toString()), dir.resolve("copy"), false,
        Duration.ofSeconds(60)), SyncProgress.NONE);

    assertEquals(List.of(models.toString()), report.missingPaths(), report.toString());
    assertEquals(1, report.filesCopied(), report.toString());
  }
}
