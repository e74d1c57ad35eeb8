package dev.vastbot.sim.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@code ~/ringrift/ai-service} checkout a Vast host of the cluster carries, created once at a
 * host's first attach: an empty {@code venv/bin/activate}, {@code logs/}, the worker and
 * orchestrator stand-ins, a few small {@code models/checkpoint_<n>.pt}, a self-play games database
 * and an Elo database. Everything but the timestamps is deterministic from {@code random}.
 */
record AiServiceTree(Path dir) {
  private static final List<String> CODE =
      List.of(
          "app/__init__.py",
          "app/training/__init__.py",
          "app/training/generate_data.py",
          "scripts/p2p_orchestrator.py");

  /**
   * Nothing to activate; with the hostile fault's stderr payload switched on it fails with it, as
   * any command on a host whose owner wants it to can (the start of workers sources this file).
   */
  private static final String ACTIVATE = """
      # venv/bin/activate of a simulated host
      if [ -e "$HOME/.sim/faults/hostile/stderr" ]; then cat "$HOME/.sim/faults/hostile/stderr" >&2; false; fi
      """;

  /** Whether an earlier attach already created it. */
  boolean exists() {
    return Files.isDirectory(dir);
  }

  void create(HostProfile profile, SplittableRandom random, Instant now) {
    try {
      Files.createDirectories(dir.resolve("venv/bin"));
      Files.writeString(dir.resolve("venv/bin/activate"), ACTIVATE);
      Files.createDirectories(dir.resolve("logs"));
      Files.createDirectories(dir.resolve("data/games"));
      Files.createDirectories(dir.resolve("models"));
      for (String file : CODE) {
        HostFolder.copyResource("ai-service/" + file, dir.resolve(file));
      }
      writeCheckpoints(random);
      var databases = new SeedDatabases(random, now);
      databases.createGames(
          dir.resolve("data/games/selfplay_" + profile.boardType() + ".db"), profile.boardType());
      databases.createElo(dir.resolve("data/unified_elo.db"), profile.boardType());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private void writeCheckpoints(SplittableRandom random) throws IOException {
    int count = 2 + random.nextInt(3);
    int first = 1 + random.nextInt(20);
    for (int n = first; n < first + count; n++) {
      byte[] weights = new byte[4096 + random.nextInt(12288)];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = (byte) random.nextInt(256);
      }
      Files.write(dir.resolve("models/checkpoint_" + n + ".pt"), weights);
    }
  }
}
