package dev.vastbot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code java -jar target/vastbot.jar <command>}. Before a command runs, {@link LogSetup} sends log
 * lines to {@code var/log/vastbot.log}, leaving the console to replies; {@code -v} (before or after
 * the command's name) shows INFO lines on stderr too.
 */
@Command(
    name = "vastbot",
    mixinStandardHelpOptions = true,
    version = "vastbot 0.1.0",
    description = "Runs a rented Vast.ai GPU fleet: chat-ops bot, background loops and cron verbs.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      SimCommand.class,
      OffersCliCommand.class,
      P2pSyncCommand.class,
      KeepaliveCliCommand.class,
      LifecycleCliCommand.class,
      DataSyncCliCommand.class,
      AutoscalerCliCommand.class,
      P2pCliCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "show INFO log lines on stderr too (they always go to the log file)")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(withLogSetup(CliContext.ofProcess()).execute(args));
  }

  /**
   * The command line as {@link #main} runs it: each command sets logging up first ({@link
   * LogSetup}), into {@code $VASTBOT_LOG_DIR} and the context's stderr.
   */
  static CommandLine withLogSetup(CliContext context) {
    return withLogSetup(new Main(), context);
  }

  /**
   * The command line of {@code root}'s commands, run as {@link #main} runs vastbot's: each command
   * is handed {@code context}, logging is set up before it runs ({@code --verbose}, when the root
   * declares it, as here), failures are reported alike. For a tool beside the product that runs
   * on the same machinery: the benchmarks' {@code dev.vastbot.bench.BenchMain} (test sources).
   *
   * @param root a picocli {@code @Command} whose sub-commands take a {@link CliContext}, or none
   */
  public static CommandLine withLogSetup(Object root, CliContext context) {
    CommandLine commandLine = commandLine(root, context);
    return commandLine.setExecutionStrategy(parsed -> runWithLogSetup(parsed, context));
  }

  /**
   * The configured command line; tests run commands in-process with their own context, logging as
   * the test JVM does (stderr), never into the working directory's log file.
   */
  public static CommandLine commandLine(CliContext context) {
    return commandLine(new Main(), context);
  }

  private static CommandLine commandLine(Object root, CliContext context) {
    return new CommandLine(root, new ContextFactory(context))
        .setOut(new java.io.PrintWriter(context.out(), true))
        .setErr(new java.io.PrintWriter(context.err(), true))
        .setExecutionExceptionHandler(new FailureReporter())
        .setParameterExceptionHandler(new BadInputReporter());
  }

  /** Sets logging up for the command about to run (not for --help, --version or help), then runs it. */
  private static int runWithLogSetup(ParseResult parsed, CliContext context) {
    Integer helpShown = CommandLine.executeHelpRequest(parsed);
    if (helpShown != null) {
      return helpShown;
    }
    if (runsOneOfOurCommands(parsed)) {
      var commands = parsed.asCommandLineList();
      if (commands.get(commands.size() - 1).getCommand() instanceof ServeCommand) {
        LogSetup.forServer(context);
      } else {
        LogSetup.forCli(context, verbose(parsed));
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /** Whether the root's {@code --verbose} was given (before or after the command's name). */
  private static boolean verbose(ParseResult parsed) {
    OptionSpec verbose = parsed.commandSpec().findOption("--verbose");
    return verbose != null && Boolean.TRUE.equals(verbose.getValue());
  }

  /** Every vastbot command is a Callable; picocli's help command is a Runnable. */
  private static boolean runsOneOfOurCommands(ParseResult parsed) {
    var commands = parsed.asCommandLineList();
    return commands.get(commands.size() - 1).getCommand() instanceof Callable;
  }
}
