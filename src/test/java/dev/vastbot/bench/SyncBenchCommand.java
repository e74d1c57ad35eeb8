package dev.vastbot.bench;

import dev.vastbot.cli.CliContext;
import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.port.HostKeyPins;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncRequest;
import dev.vastbot.ssh.MinaRemoteShell;
import dev.vastbot.ssh.SshSettings;
import dev.vastbot.ssh.StreamingDataSync;
import dev.vastbot.ssh.SyncSettings;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code BenchMain bench-sync}: the vastbot side of {@code bench/sync}. Pulls the given paths from
 * one host several rounds on one {@link MinaRemoteShell}, as the bot does: a {@code cold} round
 * empties the local folder first (a first copy), a {@code warm} round re-syncs (nothing changed),
 * a {@code warmup} round is a cold one the bench does not judge (the JIT is still compiling the
 * path). Round 1 also opens the session and loads the classes (the "new JVM" figure). The
 * reference tool runs between vastbot's rounds in the same process ({@code rsync-cold} empties
 * its folder first, {@code rsync-warm} does not), so that both see the machine as it is at that
 * moment; before every round the page cache's dirty data is written out ({@code sync}, not
 * timed), so that no round pays for the writeback of the one before. Prints one
 * machine-readable line per round.
 */
@Command(name = "bench-sync", mixinStandardHelpOptions = true,
    description = "Benchmark: pull paths from a host, cold and warm.")
final class SyncBenchCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--host", required = true, paramLabel = "HOST:PORT") String host;

  @Option(names = "--key", required = true, paramLabel = "FILE") Path key;

  @Option(names = "--path", required = true, paramLabel = "REMOTE", description = "repeatable")
  List<String> paths;

  @Option(names = "--local", required = true, paramLabel = "DIR") Path local;

  @Option(names = "--rounds", defaultValue = "cold,cold,warm,warm", split = ",",
      description = "cold (empty the local folder first), warm, warmup (an unjudged cold one),"
          + " rsync-cold, rsync-warm (the --reference command), in order (default ${DEFAULT-VALUE})")
  List<String> rounds;

  @Option(names = "--reference", paramLabel = "COMMAND",
      description = "the reference tool's command line, run with bash -c in rsync-* rounds")
  String reference;

  @Option(names = "--reference-local", paramLabel = "DIR",
      description = "the reference tool's destination, emptied before an rsync-cold round")
  Path referenceLocal;

  @Option(names = "--streams", defaultValue = "2") int streams;

  @Option(names = "--deadline-seconds", defaultValue = "300") int deadlineSeconds;

  SyncBenchCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    int colon = host.lastIndexOf(':');
    var target = new SshTarget(1, new HostPort(host.substring(0, colon),
        Integer.parseInt(host.substring(colon + 1))));
    var out = context.out();
    var request = new SyncRequest(paths, local, false, Duration.ofSeconds(deadlineSeconds));
    boolean allVerified = true;
    try (var shell = MinaRemoteShell.start(SshSettings.defaults(key), new MemoryPins(),
        context.clock())) {
      var sync = StreamingDataSync.over(shell, SyncSettings.defaults().withStreamsPerInstance(streams));
      for (int round = 1; round <= rounds.size(); round++) {
        String kind = rounds.get(round - 1).strip();
        if (kind.startsWith("rsync-")) {
          allVerified &= runReference(round, kind, out);
          continue;
        }
        if (!List.of("cold", "warm", "warmup").contains(kind)) {
          throw new IllegalArgumentException("unknown round kind " + kind);
        }
        if (!kind.equals("warm")) {
          deleteTree(local);
        }
        beforeRound();
        long started = System.nanoTime();
        SyncReport report = sync.pull(target, request, SyncProgress.NONE);
        long wall = System.nanoTime() - started;
        allVerified &= report.verified();
        out.printf("round %d %s: wall_ms=%d copied=%d unchanged=%d bytes=%d databases=%d "
                + "verified=%s failure=%s%n", round, kind, wall / 1_000_000, report.filesCopied(),
            report.filesUnchanged(), report.bytesCopied(), report.databases(), report.verified(),
            report.failure() == null ? "-" : report.failure() + ":" + report.failureDetail());
        report.problems().stream().limit(3).forEach(problem -> out.println("  problem: " + problem));
        out.flush();
      }
    }
    return allVerified ? 0 : 1;
  }

  /** One reference run (rsync), timed as vastbot's rounds are; false when it failed. */
  private boolean runReference(int round, String kind, java.io.PrintStream out)
      throws IOException, InterruptedException {
    if (reference == null || referenceLocal == null) {
      throw new IllegalArgumentException(kind + " needs --reference and --reference-local");
    }
    if (kind.equals("rsync-cold")) {
      deleteTree(referenceLocal);
    } else if (!kind.equals("rsync-warm")) {
      throw new IllegalArgumentException("unknown round kind " + kind);
    }
    Files.createDirectories(referenceLocal);
    beforeRound();
    long started = System.nanoTime();
    Process tool = new ProcessBuilder("bash", "-c", reference).inheritIO()
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    int exit = tool.waitFor();
    long wall = System.nanoTime() - started;
    out.printf("round %d %s: wall_ms=%d exit=%d%n", round, kind, wall / 1_000_000, exit);
    out.flush();
    return exit == 0;
  }

  /**
   * Before a round, not timed: writes out every dirty page ({@code sync}), so that the round
   * starts with none, and waits (at most 10 s) until this JVM's JIT compiler has been idle for a
   * quarter of a second, so that compiling what the last round ran takes no CPU from the next
   * one (rsync's in particular: it runs beside this JVM on the same two cores).
   */
  private void beforeRound() throws IOException, InterruptedException {
    new ProcessBuilder("sync").inheritIO().start().waitFor();
    BenchJvm.awaitCompilerIdle(Duration.ofMillis(250), Duration.ofSeconds(10), context.clock(), context.pause());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
        Files.delete(folder);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Host key pins for one benchmark run: trust on first use, in memory. */
  private static final class MemoryPins implements HostKeyPins {
    private final Map<Long, String> pins = new ConcurrentHashMap<>();

    @Override
    public Optional<String> pinnedKey(long instanceId) {
      return Optional.ofNullable(pins.get(instanceId));
    }

    @Override
    public void pin(long instanceId, String publicKey, Instant at) {
      pins.putIfAbsent(instanceId, publicKey);
    }

    @Override
    public void unpin(long instanceId) {
      pins.remove(instanceId);
    }
  }
}
