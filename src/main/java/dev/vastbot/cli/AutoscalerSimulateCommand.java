package dev.vastbot.cli;

import dev.vastbot.fleet.text.SafeText;
import dev.vastbot.simulate.PolicySimulation;
import dev.vastbot.simulate.SimulationInputException;
import dev.vastbot.simulate.SimulationReport;
import dev.vastbot.simulate.TraceCsv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vastbot autoscaler simulate --trace FILE.csv}: replays a demand trace against the
 * simulated market on a simulated clock and prints, for vastbot's configured policy, the old
 * script's rules and a lower bound, the cost, instance-hours, hours the queue spent above its
 * target and budget violations. Reads the config as every verb does; touches no network and no
 * store.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Replay a demand trace (CSV: time,games_enqueued) against the configured policy,"
        + " the old script's rules and a lower bound, and print their cost and queue.")
final class AutoscalerSimulateCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--trace", required = true, paramLabel = "FILE.csv",
      description = "the demand trace: header time,games_enqueued (or time,games), ISO-8601 instants")
  Path trace;

  @Option(names = "--group", paramLabel = "NAME", description = "the autoscaler group (default: the first)")
  String group;

  @Option(names = "--seed", defaultValue = "1", description = "seeds the market and its prices (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--boot-minutes", defaultValue = "5",
      description = "from rent to producing games (default: ${DEFAULT-VALUE}, Vast's 'typically 1-5 minutes')")
  int bootMinutes;

  @Option(names = "--restart-minutes", defaultValue = "1",
      description = "from restarting a stopped warm-pool instance to producing games (default: ${DEFAULT-VALUE})")
  int restartMinutes;

  @Option(names = "--gpu-taken-hours", defaultValue = "24", paramLabel = "H",
      description = "a stopped instance's GPU is taken with probability 1 - exp(-hours stopped / H)"
          + " (default: ${DEFAULT-VALUE})")
  double gpuTakenHours;

  @Option(names = "--catalogues", defaultValue = "5",
      description = "how many of the sim's seeded offer catalogues make the market (default: ${DEFAULT-VALUE})")
  int catalogues;

  @Option(names = "--target-hours", paramLabel = "H",
      description = "the queue's target in backlog hours (default: the group's scale_up_backlog_hours)")
  Double targetHours;

  @Option(names = "--old-rules-scale-down",
      description = "switch the old rules' scale-down on (the script shipped with it off)")
  boolean oldRulesScaleDown;

  AutoscalerSimulateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (bootMinutes < 0 || restartMinutes < 0 || catalogues < 1
        || targetHours != null && !(targetHours > 0) || !(gpuTakenHours > 0) || Double.isInfinite(gpuTakenHours)) {
      context.err().println("vastbot: --boot-minutes and --restart-minutes must be at least 0,"
          + " --catalogues at least 1, --target-hours and --gpu-taken-hours greater than 0");
      return FailureReporter.EXIT_CONFIG;
    }
    var config = BotAssembly.config(context);
    try {
      var demand = TraceCsv.read(trace);
      var simulation = new PolicySimulation(Optional.ofNullable(group), seed,
          Duration.ofMinutes(bootMinutes), catalogues, config.health().idleGpuPercent() / 100.0,
          oldRulesScaleDown, targetHours == null ? OptionalDouble.empty() : OptionalDouble.of(targetHours),
          Duration.ofMinutes(restartMinutes), gpuTakenHours);
      SimulationReport.lines(simulation.run(config.autoscaler(), demand)).forEach(context.out()::println);
      return 0;
    } catch (SimulationInputException bad) {
      context.err().println("vastbot: " + SafeText.forLogLine(bad.getMessage()));
      return FailureReporter.EXIT_CONFIG;
    }
  }
}
