package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorPathsTest {
  private static final int STREAMS = 4;
  @TempDir Path dir;

  /**
   * A pull's streams share one MirrorPaths and often need the same new folder at the same moment
   * (the files of one game folder are spread over the streams): none of them may fail for it.
   */
  @Test
  void streamsThatCreateTheSameNewFolderAtOnce_allGetIt() throws Exception {
    Path local = dir.resolve("local");
    var paths = new MirrorPaths(List.of("/data"), local);
    ExecutorService streams = Executors.newFixedThreadPool(STREAMS);
    try {
      for (int round = 0; round < 200; round++) {
        var together = new CyclicBarrier(STREAMS);
        List<Future<?>> done = new ArrayList<>();
        for (int stream = 0; stream < STREAMS; stream++) {
          Path file = local.resolve("data/games/run-" + round + "/deeper/game-" + stream + ".jsonl");
          done.add(streams.submit(() -> {
            together.await(10, TimeUnit.SECONDS);
            paths.prepareParent(file);
            return null;
          }));
        }
        for (Future<?> each : done) {
          each.get(10, TimeUnit.SECONDS); // throws if a stream failed
        }
        assertTrue(Files.isDirectory(local.resolve("data/games/run-" + round + "/deeper")));
      }
    } finally {
      streams.shutdownNow();
    }
  }

  @Test
  void aSymbolicLinkOrAFileOnTheWay_isRefused() throws Exception {
    Path local = dir.resolve("local");
    Files.createDirectories(local.resolve("data"));
    Files.createSymbolicLink(local.resolve("data/games"), dir);
    Files.writeString(local.resolve("data/models"), "not a folder");
    var paths = new MirrorPaths(List.of("/data"), local);

    var link = assertThrows(IOException.class, () -> paths.prepareParent(local.resolve("data/games/a/x")));
    assertEquals(local.resolve("data/games") + " is a symbolic link", link.getMessage());
    var file = assertThrows(IOException.class, () -> paths.prepareParent(local.resolve("data/models/x")));
    assertEquals(local.resolve("data/models") + " is not a folder", file.getMessage());
    assertTrue(Files.notExists(dir.resolve("a")), "nothing made through the link");
  }
}
