package dev.vastbot.simulate;

import dev.vastbot.config.ConfigException;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.text.SafeText;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * The bench table ({@code bench/traces/table}): every trace of a folder against seeds 1 to N of the
 * market, each policy's cost, its cost over the lower bound that respects the minimum, its hours
 * with the queue above target, the held-at-max floor, the hours above it, its budget violations,
 * and for vastbot PASS or MISS against the targets ({@link TargetCheck}), then a summary. Options:
 * {@code --config DIR} (default {@code DIR/config}), {@code --seeds N} (5), {@code --target-hours
 * H} (1), {@code --boot-minutes M} (5), {@code --restart-minutes M} (1), {@code --gpu-taken-hours
 * H} (24). Single-threaded; writes to standard output; exit 2 on bad input.
 */
public final class SimulationTable {
  private static final String ROW = "%-16s %4s  %-10s %9s %8s %11s %8s %9s %5s  %s";

  private SimulationTable() {}

  public static void main(String[] args) throws Exception {
    try {
      System.exit(run(Options.parse(args), System.out));
    } catch (SimulationInputException | ConfigException | IllegalArgumentException bad) {
      System.err.println("table: " + SafeText.forLogLine(String.valueOf(bad.getMessage())));
      System.exit(2);
    }
  }

  static int run(Options options, PrintStream out) throws Exception {
    var config = ConfigLoader.load(options.config(), Map.of(), Path.of("."));
    List<Path> traces;
    try (Stream<Path> files = Files.list(options.traces())) {
      traces = files.filter(file -> file.toString().endsWith(".csv")).sorted().toList();
    }
    if (traces.isEmpty()) {
      throw new SimulationInputException(options.traces() + ": no .csv trace");
    }
    var idleShare = config.health().idleGpuPercent() / 100.0;
    out.println(header());
    var misses = new ArrayList<String>();
    var runs = 0;
    for (var file : traces) {
      var trace = TraceCsv.read(file);
      for (int seed = 1; seed <= options.seeds(); seed++) {
        var result = options.simulation(seed, idleShare).run(config.autoscaler(), trace);
        var name = file.getFileName().toString().replace(".csv", "");
        var check = result.vastbotTargets();
        out.println(row(name, seed, result, result.vastbot(), verdict(check)));
        out.println(row("", seed, result, result.oldRules(), ""));
        runs++;
        if (!check.met()) {
          misses.add(name + " seed " + seed + " (" + missed(check) + ")");
        }
      }
    }
    summary(out, runs, misses);
    return 0;
  }

  private static void summary(PrintStream out, int runs, List<String> misses) {
    out.println();
    out.printf(
        Locale.ROOT,
        "targets: cost ≤ %.2f× the min-respecting lower bound, queue above target ≤ held-at-max"
            + " floor + %.1f h, zero violations%n",
        TargetCheck.COST_TARGET,
        TargetCheck.QUEUE_SLACK_HOURS);
    out.println(
        (misses.isEmpty() ? "PASS" : "MISS")
            + ": "
            + (runs - misses.size())
            + " of "
            + runs
            + " runs meet every target"
            + (misses.isEmpty() ? "" : "; missed: " + String.join(", ", misses)));
  }

  private static String header() {
    return String.format(
        Locale.ROOT, ROW, "trace", "seed", "policy", "cost $", "× lb min", "queue>tgt h", "floor h",
        "above fl", "viol", "targets");
  }

  private static String row(
      String trace, int seed, SimulationResult result, PolicyOutcome outcome, String verdict) {
    return String.format(
        Locale.ROOT,
        ROW,
        trace,
        trace.isEmpty() ? "" : String.valueOf(seed),
        outcome.name(),
        String.format(Locale.ROOT, "%.2f", outcome.costUsd()),
        String.format(Locale.ROOT, "%.2f", result.ratioToMinimumBound(outcome)),
        String.format(Locale.ROOT, "%.2f", outcome.aboveTargetHours()),
        String.format(Locale.ROOT, "%.2f", result.heldAtMax().aboveTargetHours()),
        String.format(Locale.ROOT, "%+.2f", result.aboveFloorHours(outcome)),
        String.valueOf(outcome.violations().map(BudgetViolations::total).orElse(0)),
        verdict);
  }

  private static String verdict(TargetCheck check) {
    return check.met() ? "PASS" : "MISS " + missed(check);
  }

  private static String missed(TargetCheck check) {
    var missed = new ArrayList<String>();
    if (!check.costMet()) {
      missed.add("cost");
    }
    if (!check.queueMet()) {
      missed.add("queue");
    }
    if (!check.violationsMet()) {
      missed.add("violations");
    }
    return String.join("+", missed);
  }

  /** The table's options; see {@link SimulationTable}. */
  record Options(
      Path traces,
      Path config,
      int seeds,
      double targetHours,
      Duration boot,
      Duration restart,
      double gpuTakenHours) {

    static Options parse(String[] args) {
      var traces = Path.of("bench/traces");
      Path config = null;
      var seeds = 5;
      var target = 1.0;
      var boot = 5L;
      var restart = 1L;
      var taken = 24.0;
      for (int index = 0; index < args.length; index++) {
        var arg = args[index];
        if (!arg.startsWith("--")) {
          traces = Path.of(arg);
          continue;
        }
        if (index + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        var value = args[++index];
        switch (arg) {
          case "--config" -> config = Path.of(value);
          case "--seeds" -> seeds = Integer.parseInt(value);
          case "--target-hours" -> target = Double.parseDouble(value);
          case "--boot-minutes" -> boot = Long.parseLong(value);
          case "--restart-minutes" -> restart = Long.parseLong(value);
          case "--gpu-taken-hours" -> taken = Double.parseDouble(value);
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      if (seeds < 1 || !(target > 0) || boot < 0 || restart < 0) {
        throw new IllegalArgumentException(
            "--seeds must be at least 1, --target-hours above 0, the minutes at least 0");
      }
      return new Options(
          traces,
          config != null ? config : traces.resolve("config"),
          seeds,
          target,
          Duration.ofMinutes(boot),
          Duration.ofMinutes(restart),
          taken);
    }

    PolicySimulation simulation(long seed, double idleShare) {
      return new PolicySimulation(
          Optional.empty(), seed, boot, PolicySimulation.DEFAULT_CATALOGUES, idleShare, false,
          OptionalDouble.of(targetHours), restart, gpuTakenHours);
    }
  }
}
