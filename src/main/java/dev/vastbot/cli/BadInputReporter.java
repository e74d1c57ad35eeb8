package dev.vastbot.cli;

import dev.vastbot.fleet.text.SafeText;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli's answer to a bad flag or value, as its default handler gives it (the message, any
 * "did you mean", the usage), but with the message made safe for a terminal: it echoes what was
 * typed or passed by a script, which may hold escapes ({@code --host=$'\e[2J'}).
 */
final class BadInputReporter implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException bad, String[] args) {
    CommandLine commandLine = bad.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println(SafeText.forTerminal(bad.getMessage()));
    if (!UnmatchedArgumentException.printSuggestions(bad, err)) {
      commandLine.usage(err, commandLine.getColorScheme());
    }
    return commandLine.getCommandSpec().exitCodeOnInvalidInput();
  }
}
