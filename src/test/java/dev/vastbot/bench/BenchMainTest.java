package dev.vastbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.cli.CliContext;
import dev.vastbot.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The bench tools run as a vastbot verb runs ({@link Main#withLogSetup(Object, CliContext)}): log
 * file in {@code $VASTBOT_LOG_DIR}, INFO lines on stderr only with the bench root's {@code -v}.
 */
class BenchMainTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    var context = new CliContext(Map.of("VASTBOT_LOG_DIR", dir.resolve("log").toString()), dir,
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    return Main.withLogSetup(new BenchMain(), context).execute(args);
  }

  @Test
  void benchSweepPrintCommand_printsTheProbe_withTheLogSetUpAsForAVerb() {
    int code = run("bench-sweep", "--print-command");
    LoggerFactory.getLogger(BenchMainTest.class).info("after the command");

    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("nvidia-smi"), out.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(dir.resolve("log/vastbot.log")), "the log file of a verb");
    assertFalse(err.toString(StandardCharsets.UTF_8).contains("after the command"), "INFO only with -v");
  }

  @Test
  void verboseAfterTheCommand_showsInfoLinesOnStderr() {
    int code = run("bench-sweep", "--print-command", "-v");
    LoggerFactory.getLogger(BenchMainTest.class).info("after the command");

    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("after the command"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMissingFlag_isReportedAsForAVerb() {
    int code = run("bench-sync", "--host", "127.0.0.1:22");

    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Missing required options"), err.toString(StandardCharsets.UTF_8));
  }
}
