package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code -v} / {@code --verbose} is one global option, accepted before or after the command. */
class VerboseOptionTest {
  private static boolean verboseAfterParsing(String... args) {
    var sink = new PrintStream(new ByteArrayOutputStream(), true);
    var context = new CliContext(Map.of(), Path.of("."), new ByteArrayInputStream(new byte[0]), sink, sink,
        Clock.systemUTC());
    CommandLine commandLine = Main.commandLine(context);
    commandLine.parseArgs(args);
    return ((Main) commandLine.getCommand()).verbose;
  }

  @Test
  void verbose_isAcceptedBeforeOrAfterTheCommand() {
    assertTrue(verboseAfterParsing("-v", "demo"));
    assertTrue(verboseAfterParsing("demo", "-v"));
    assertTrue(verboseAfterParsing("keepalive", "--status", "--verbose"));
  }

  @Test
  void withoutVerbose_itIsOff() {
    assertFalse(verboseAfterParsing("demo", "--seed", "7"));
  }
}
