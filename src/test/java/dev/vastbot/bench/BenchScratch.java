package dev.vastbot.bench;

import dev.vastbot.app.TempFolders;
import dev.vastbot.cli.CliContext;
import dev.vastbot.store.JdbcFleetStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * A benchmark command's scratch folder, removed when the measurement ends, also when a signal
 * stops the JVM (it runs its shutdown hooks then, but no finally block), and the bot's context,
 * whose store is a SQLite file in that folder unless {@code VASTBOT_DB} names one.
 */
final class BenchScratch {
  private static final String DB_ENV = "VASTBOT_DB";

  private BenchScratch() {}

  /** What measures, given the scratch folder. */
  @FunctionalInterface
  interface Measurement {
    int measure(Path scratch) throws Exception;
  }

  /** The bot's context, and its store in words for the benchmark's first line. */
  record Bot(CliContext context, String store) {}

  static int run(String prefix, Measurement measurement) throws Exception {
    Path scratch = Files.createTempDirectory(prefix);
    Thread removeOnExit = new Thread(() -> TempFolders.deleteRecursively(scratch));
    Runtime.getRuntime().addShutdownHook(removeOnExit);
    try {
      return measurement.measure(scratch);
    } finally {
      TempFolders.deleteRecursively(scratch);
      try {
        Runtime.getRuntime().removeShutdownHook(removeOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway; the folder is already gone
      }
    }
  }

  static Bot bot(CliContext context, Path scratch) {
    var env = new HashMap<>(context.env());
    String store = DB_ENV;
    if (env.getOrDefault(DB_ENV, "").isBlank()) {
      env.put(DB_ENV, JdbcFleetStore.defaultUrl(scratch.resolve("bot")));
      store = "a SQLite file in a temporary folder";
    }
    return new Bot(new CliContext(env, context.home(), context.in(), context.out(), context.err(), context.clock(), context.pause()),
        store);
  }
}
