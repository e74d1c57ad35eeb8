package dev.vastbot.cli;

import dev.vastbot.fleet.port.Pause;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs vastbot commands in-process with a chosen environment and captured output. */
final class CliHarness {
  record Run(int exitCode, String out, String err) {}

  private final Map<String, String> env;
  private final Path home;
  private final Clock clock;
  private final Pause pause;

  CliHarness(Map<String, String> env, Path home, Clock clock) {
    this(env, home, clock, Pause.sleeping());
  }

  /** Commands whose waits go through {@code pause} (a MutableClock's, to pass time on it instead of sleeping). */
  CliHarness(Map<String, String> env, Path home, Clock clock, Pause pause) {
    this.env = env;
    this.home = home;
    this.clock = clock;
    this.pause = pause;
  }

  Run run(String stdin, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    var context = new CliContext(env, home,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), clock, pause);
    int code = Main.commandLine(context).execute(args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
