package dev.vastbot.cli;

import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.remote.HostKeyPins;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.sync.SyncProgress;
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
 * {@code vastbot bench-sync}: the vastbot side of {@code bench/sync}. Pulls the given paths from
 * one host several rounds on one {@link MinaRemoteShell}, as the bot does: a {@code cold} round
 * empties the local folder first (a first copy), a {@code warm} round re-syncs (nothing changed).
 * Round 1 also opens the session and loads the classes (the "new JVM" figure). Prints one
 * machine-readable line per round. Hidden: a measurement tool, not an operation.
 */
@Command(name = "bench-sync", hidden = true, mixinStandardHelpOptions = true,
    description = "Benchmark: pull paths from a host, cold and warm.")
final class SyncBenchCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--host", required = true, paramLabel = "HOST:PORT") String host;

  @Option(names = "--key", required = true, paramLabel = "FILE") Path key;

  @Option(names = "--path", required = true, paramLabel = "REMOTE", description = "repeatable")
  List<String> paths;

  @Option(names = "--local", required = true, paramLabel = "DIR") Path local;

  @Option(names = "--rounds", defaultValue = "cold,cold,warm,warm", split = ",",
      description = "cold (empty the local folder first) or warm, in order (default ${DEFAULT-VALUE})")
  List<String> rounds;

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
        if (kind.equals("cold")) {
          deleteTree(local);
        }
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
