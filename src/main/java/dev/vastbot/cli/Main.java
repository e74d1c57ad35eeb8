package dev.vastbot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar target/vastbot.jar <command>}. */
@Command(
    name = "vastbot",
    mixinStandardHelpOptions = true,
    version = "vastbot 0.1.0",
    description = "Runs a rented Vast.ai GPU fleet: chat-ops bot, background loops and cron verbs.",
    subcommands = {
      DemoCommand.class,
      SimCommand.class,
      OffersCliCommand.class,
      P2pSyncCommand.class,
      KeepaliveCliCommand.class,
      LifecycleCliCommand.class,
      P2pCliCommand.class,
      SweepBenchCommand.class,
      ScaleBenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  public static void main(String[] args) {
    System.exit(commandLine(CliContext.ofProcess()).execute(args));
  }

  /** The configured command line; tests run commands in-process with their own context. */
  public static CommandLine commandLine(CliContext context) {
    return new CommandLine(new Main(), new ContextFactory(context))
        .setOut(new java.io.PrintWriter(context.out(), true))
        .setErr(new java.io.PrintWriter(context.err(), true))
        .setExecutionExceptionHandler(new FailureReporter());
  }
}
