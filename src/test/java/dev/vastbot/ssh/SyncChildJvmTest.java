package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from hostile hosts in a JVM of their own ({@link SyncChild}): one with a 256 MiB heap and
 * a 128 MiB listing, one on a real 64 MiB disk (a tmpfs in a private mount namespace, where this
 * machine allows one) that a host tries to fill.
 */
class SyncChildJvmTest {
  private static final long CHILD_BOUND_SECONDS = 240;

  @TempDir Path dir;

  @Test
  void aListingOf128MibEndsInAClearRefusalUnderA256MibHeap() throws Exception {
    String output = run(List.of(), "-Xmx256m", "huge-listing", dir.toString());

    assertFalse(output.contains("OutOfMemoryError"), output);
    assertTrue(output.contains("failure=REMOTE_ERROR"), output);
    assertTrue(output.contains("is larger than the 8388608 allowed"), output);
  }

  @Test
  void aHostThatTriesToFillTheSyncDiskLeavesRoomForTheStoreToRecordIt() throws Exception {
    assumeTrue(privateMountsAllowed(), "unshare -m and a tmpfs mount are not allowed here");
    Path disk = Files.createDirectories(dir.resolve("disk"));
    List<String> mount = List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
        "mount -t tmpfs -o size=64m vastbot-test \"$0\" && exec \"$@\"", disk.toString());

    String output = run(mount, "-Xmx512m", "full-disk", dir.resolve("work").toString(),
        disk.resolve("sync").toString(), disk.resolve("vastbot.db").toString());

    assertTrue(output.contains("verified=false"), output);
    assertTrue(output.contains("copied=0"), output);
    assertTrue(output.contains("problems=8"), output);
    assertTrue(output.contains("local_bytes=0"), output);
    assertTrue(output.contains("recorded=1"), output);
  }

  private static boolean privateMountsAllowed() throws InterruptedException {
    try {
      Process probe = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
          "mount -t tmpfs -o size=1m vastbot-probe /mnt").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException notThere) {
      return false;
    }
  }

  /** Runs {@link SyncChild} with {@code args} (after {@code prefix}) and returns its output. */
  private String run(List<String> prefix, String heap, String... args) throws Exception {
    var command = new ArrayList<>(prefix);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        heap, "-cp", System.getProperty("java.class.path"), SyncChild.class.getName()));
    command.addAll(List.of(args));
    Path log = dir.resolve("child-" + args[0] + ".out");
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean ended = child.waitFor(CHILD_BOUND_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(ended, "the child did not end within " + CHILD_BOUND_SECONDS + " s: " + output);
    assertEquals(0, child.exitValue(), output);
    return output;
  }
}
