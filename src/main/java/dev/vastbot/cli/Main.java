package dev.vastbot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
      SweepBenchCommand.class,
      SyncBenchCommand.class,
      ScaleBenchCommand.class,
      AckBenchCommand.class,
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
    CommandLine commandLine = commandLine(context);
    return commandLine.setExecutionStrategy(parsed -> runWithLogSetup(parsed, context));
  }

  /**
   * The configured command line; tests run commands in-process with their own context, logging as
   * the test JVM does (stderr), never into the working directory's log file.
   */
  public static CommandLine commandLine(CliContext context) {
    return new CommandLine(new Main(), new ContextFactory(context))
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
        LogSetup.forCli(context, ((Main) parsed.commandSpec().userObject()).verbose);
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /** Every vastbot command is a Callable; picocli's help command is a Runnable. */
  private static boolean runsOneOfOurCommands(ParseResult parsed) {
    var commands = parsed.asCommandLineList();
    return commands.get(commands.size() - 1).getCommand() instanceof Callable;
  }
}
