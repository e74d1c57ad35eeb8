package dev.vastbot.cli;

import dev.vastbot.config.ConfigException;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.StoreException;
import dev.vastbot.fleet.text.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's failure into one clear line on stderr and an exit code: 2 for a broken
 * configuration or environment (nothing ran), 1 for a failure while running. No stack trace for
 * failures we can name; a message (which may quote a host or the Vast API) is made safe for a
 * terminal.
 */
final class FailureReporter implements IExecutionExceptionHandler {
  static final int EXIT_FAILED = 1;
  static final int EXIT_CONFIG = 2;

  @Override
  public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parsed)
      throws Exception {
    var err = commandLine.getErr();
    if (failure instanceof ConfigException) {
      err.println("vastbot: " + SafeText.forTerminal(failure.getMessage()));
      return EXIT_CONFIG;
    }
    if (failure instanceof ProviderException || failure instanceof StoreException) {
      err.println("vastbot: " + SafeText.forTerminal(failure.getMessage()));
      return EXIT_FAILED;
    }
    throw failure;
  }
}
