package dev.vastbot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's console prints replies, not log lines: those go to {@code var/log/vastbot.log} in the
 * working directory (here a temporary one), and {@code -v} shows INFO on stderr too.
 */
class QuietConsoleJarIT {
  private static final String README_INPUT = "/vast status\n/vast offers --gpu-type RTX_4090\n"
      + "/vast provision --gpu-type RTX_4090 --count 2\n/vast list\n";
  /** A log line as any backend prints it: time, level, then the logger and " - ". */
  private static final Pattern LOG_LINE = Pattern.compile("(?m)^\\S+ (TRACE|DEBUG|INFO|WARN|ERROR)\\b");
  private static final Pattern LOGGER_PREFIX = Pattern.compile("\\b(?:[a-z]\\w*\\.)*[A-Z]\\w+ - ");
  private static final Pattern INFO_LINE = Pattern.compile("(?m)^\\S+ INFO\\b");

  @TempDir Path dir;

  @Test
  void readmeDemo_printsOnlyReplies_andLogsToVarLog() throws Exception {
    var result = JarProcess.run(Map.of(), dir, README_INPUT, 120, "demo");
    assertEquals(0, result.exitCode(), result.out() + result.err());

    String out = result.out();
    assertTrue(out.contains("Fleet status") && out.contains("OK: 2 new instance(s) running."), out);
    assertFalse(LOG_LINE.matcher(out).find(), "a log line among the replies:\n" + out);
    assertFalse(LOGGER_PREFIX.matcher(out).find(), "a logger prefix among the replies:\n" + out);
    assertFalse(out.contains("PinningServerKeyVerifier"), out);
    assertFalse(INFO_LINE.matcher(result.err()).find(), "INFO on stderr without -v:\n" + result.err());

    List<String> logged = Files.readAllLines(dir.resolve("var/log/vastbot.log"));
    assertEquals(2, logged.stream()
        .filter(line -> line.contains(" INFO dev.vastbot.ssh.PinningServerKeyVerifier - vast-")
            && line.contains(": pinned host key SHA256:"))
        .count(), String.join("\n", logged));
  }

  @Test
  void verbose_showsInfoOnStderr_andVastbotLogDirMovesTheFile() throws Exception {
    Path logs = dir.resolve("logs");
    var result = JarProcess.run(Map.of("VASTBOT_LOG_DIR", logs.toString()), dir,
        "/vast provision --gpu-type RTX_4090 --count 1\n", 120, "demo", "-v");
    assertEquals(0, result.exitCode(), result.out() + result.err());

    assertTrue(INFO_LINE.matcher(result.err()).find(), result.err());
    assertTrue(result.err().contains(" INFO dev.vastbot.ssh.PinningServerKeyVerifier - vast-"), result.err());
    assertFalse(LOG_LINE.matcher(result.out()).find(), result.out());
    assertTrue(Files.readString(logs.resolve("vastbot.log")).contains("pinned host key"));
    assertFalse(Files.exists(dir.resolve("var/log")), "VASTBOT_LOG_DIR replaces var/log");
  }
}
