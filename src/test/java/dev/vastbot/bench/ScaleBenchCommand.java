package dev.vastbot.bench;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.cli.BotAssembly;
import dev.vastbot.cli.CliContext;
import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.store.JdbcFleetStore;
import dev.vastbot.vast.VastClientSettings;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code BenchMain bench-scale}: the vastbot side of {@code bench/scale}. One bot, built as every
 * CLI verb builds it (VAST_API_URL, VAST_API_KEY, the client's Vast pacing of one list page a
 * second), against a simulated fleet ({@code vastbot sim --instances N}): two full lists (cold,
 * then warm), {@code /vast status} and {@code /vast list} rendered from the warm snapshot, and
 * {@code recordObservation} of the listed fleet on a fresh SQLite file. Prints one {@code key=value}
 * line per figure. The bot's store is VASTBOT_DB when set, else a SQLite file in a temporary
 * folder (never {@code var/}).
 */
@Command(name = "bench-scale", mixinStandardHelpOptions = true,
    description = "Benchmark: list, status and list replies, and the store, at fleet scale.")
final class ScaleBenchCommand implements Callable<Integer> {
  private static final String LIST_ENDPOINT = "GET /api/v1/instances/";
  private static final int PAGE_SIZE = 25;

  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--runs", defaultValue = "50",
      description = "measured renders of each reply (default ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--warmup", defaultValue = "5",
      description = "unmeasured renders of each reply first (default ${DEFAULT-VALUE})")
  int warmup;

  ScaleBenchCommand(CliContext context) {
    this.context = context;
  }

  /**
   * Wall times of repeated replies in nanoseconds: the whole (route + render), and its two parts;
   * and the size of the last reply.
   */
  record Renders(long[] nanos, long[] routeNanos, long[] renderNanos, int lines, int chars,
      long allocatedPerRun) {
    static long p50(long[] values) {
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      return sorted[(sorted.length + 1) / 2 - 1];
    }

    static long max(long[] values) {
      return Arrays.stream(values).max().orElse(0);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || warmup < 0) {
      throw new ParameterException(spec.commandLine(), "--runs must be at least 1, --warmup at least 0");
    }
    return BenchScratch.run("vastbot-bench-scale-", this::measure);
  }

  private int measure(Path scratch) throws Exception {
    BenchScratch.Bot bench = BenchScratch.bot(context, scratch);
    CliContext botContext = bench.context();
    String botStore = bench.store();
    PrintStream out = context.out();
    Duration pacing = VastClientSettings.VAST_MIN_INTERVALS.get(LIST_ENDPOINT);
    out.printf("vastbot bench-scale: bot store %s; client paces %s to one request per %d ms%n",
        botStore, LIST_ENDPOINT, pacing.toMillis());
    try (Vastbot bot = BotAssembly.open(botContext, BotAssembly.config(botContext))) {
      long allocated = BenchJvm.allocatedBytes();
      long started = System.nanoTime();
      FleetSnapshot cold = bot.snapshots().refresh();
      long coldNanos = System.nanoTime() - started;
      int instances = cold.instances().size();
      out.printf(Locale.ROOT, "first_list wall_ms=%d pages=%d instances=%d alloc_mb=%.1f"
              + " (cold: JVM warm-up, first connection and the bot store's inserts included)%n",
          millis(coldNanos), pages(instances), instances, mb(BenchJvm.allocatedBytes() - allocated));
      allocated = BenchJvm.allocatedBytes();
      started = System.nanoTime();
      FleetSnapshot warm = bot.snapshots().refresh();
      long warmNanos = System.nanoTime() - started;
      out.printf(Locale.ROOT, "warm_refresh wall_ms=%d pages=%d instances=%d alloc_mb=%.1f"
              + " (the bot store's updates included)%n",
          millis(warmNanos), pages(warm.instances().size()), warm.instances().size(),
          mb(BenchJvm.allocatedBytes() - allocated));
      out.flush();
      Renders status = render(bot, "/vast status");
      Renders list = render(bot, "/vast list");
      printRenders(out, "status", status);
      printRenders(out, "list", list);
      recordObservations(out, warm.instances(), scratch.resolve("observations"));
    }
    printMemory(out);
    out.flush();
    return 0;
  }

  /** {@code warmup} unmeasured, then {@code runs} measured: route the line and render the reply. */
  private Renders render(Vastbot bot, String line) throws InterruptedException {
    var renderer = new TextRenderer();
    String text = "";
    for (int i = 0; i < warmup; i++) {
      text = renderer.render(bot.router().route(line, Caller.cli()));
    }
    long[] nanos = new long[runs];
    long[] routeNanos = new long[runs];
    long[] renderNanos = new long[runs];
    long allocated = BenchJvm.allocatedBytes();
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      Reply reply = bot.router().route(line, Caller.cli());
      long routed = System.nanoTime();
      text = renderer.render(reply);
      long rendered = System.nanoTime();
      nanos[i] = rendered - started;
      routeNanos[i] = routed - started;
      renderNanos[i] = rendered - routed;
      if (reply.failed()) {
        throw new IllegalStateException(line + " failed: " + text);
      }
    }
    long allocatedPerRun = (BenchJvm.allocatedBytes() - allocated) / runs;
    return new Renders(nanos, routeNanos, renderNanos, (int) text.lines().count(), text.length(),
        allocatedPerRun);
  }

  private void printRenders(PrintStream out, String name, Renders renders) {
    out.printf(Locale.ROOT, "%s runs=%d warmup=%d p50_ms=%.2f max_ms=%.2f route_p50_ms=%.2f"
            + " render_p50_ms=%.2f lines=%d chars=%d alloc_kb_per_run=%d"
            + " (route + TextRenderer.render, warm snapshot)%n",
        name, runs, warmup, ms(Renders.p50(renders.nanos())), ms(Renders.max(renders.nanos())),
        ms(Renders.p50(renders.routeNanos())), ms(Renders.p50(renders.renderNanos())),
        renders.lines(), renders.chars(), renders.allocatedPerRun() >> 10);
  }

  /** recordObservation of the listed fleet on a fresh SQLite file: inserts, then updates. */
  private static void recordObservations(PrintStream out, List<Instance> instances, Path folder) {
    long started = System.nanoTime();
    try (var store = JdbcFleetStore.open(JdbcFleetStore.defaultUrl(folder))) {
      long openNanos = System.nanoTime() - started;
      Instant at = Instant.now();
      started = System.nanoTime();
      store.recordObservation(instances, at);
      long insertNanos = System.nanoTime() - started;
      started = System.nanoTime();
      store.recordObservation(instances, at.plusSeconds(60));
      long updateNanos = System.nanoTime() - started;
      int tracked = store.trackedInstances().size();
      out.printf(Locale.ROOT, "record_observation instances=%d insert_ms=%.1f update_ms=%.1f"
              + " open_ms=%d tracked=%d (fresh SQLite file, WAL)%n",
          instances.size(), insertNanos / 1e6, updateNanos / 1e6, millis(openNanos), tracked);
    }
  }

  /** The heap as the JVM sizes it, and this process's peak RSS as the kernel counts it. */
  private static void printMemory(PrintStream out) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    out.printf(Locale.ROOT, "memory heap_used_mb=%d heap_committed_mb=%d heap_max_mb=%d"
            + " vm_hwm_mb=%s cpu_ms=%d alloc_total_mb=%.0f%n",
        heap.getUsed() >> 20, heap.getCommitted() >> 20, heap.getMax() >> 20, BenchJvm.peakRssMb(),
        ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L),
        mb(BenchJvm.allocatedBytes()));
  }


  /** How many pages the client reads for {@code instances}: its page size is 25. */
  private static int pages(int instances) {
    return Math.max(1, (instances + PAGE_SIZE - 1) / PAGE_SIZE);
  }


  private static double mb(long bytes) {
    return bytes / 1048576.0;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
