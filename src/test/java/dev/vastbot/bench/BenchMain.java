package dev.vastbot.bench;

import dev.vastbot.cli.CliContext;
import dev.vastbot.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The vastbot side of the {@code bench/*} scripts, beside the product and not in its jar: {@code
 * java -cp target/vastbot.jar:target/test-classes dev.vastbot.bench.BenchMain bench-ack ...} (the
 * test classes are compiled by {@code mvn -DskipTests package} too). Each sub-command runs as a
 * vastbot verb runs ({@link Main#withLogSetup(Object, CliContext)}): the same context from the
 * process's environment, log lines into {@code $VASTBOT_LOG_DIR} (else {@code var/log}) with
 * {@code -v} showing INFO lines on stderr too, failures reported alike.
 */
@Command(
    name = "vastbot-bench",
    mixinStandardHelpOptions = true,
    description = "Measurement tools run by the bench/* scripts: vastbot's side of each benchmark.",
    subcommands = {
      SweepBenchCommand.class,
      SyncBenchCommand.class,
      ScaleBenchCommand.class,
      AckBenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BenchMain {
  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "show INFO log lines on stderr too (they always go to the log file)")
  boolean verbose;

  BenchMain() {}

  public static void main(String[] args) {
    System.exit(Main.withLogSetup(new BenchMain(), CliContext.ofProcess()).execute(args));
  }
}
