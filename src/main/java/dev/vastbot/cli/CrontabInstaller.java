package dev.vastbot.cli;

import dev.vastbot.fleet.text.SafeText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Adds a vastbot line to the user's crontab exactly once, however often it is run, and says what
 * it did. The line runs this same jar from the working folder, logging to var/. Every line already
 * there is kept byte for byte; when the crontab cannot be read, nothing is written. The {@code
 * crontab} program can be named with the {@code CRONTAB} environment variable.
 */
final class CrontabInstaller {
  static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  private final CliContext context;
  private final Path workDir;
  private final Path jar;
  private final Duration deadline;

  CrontabInstaller(CliContext context) {
    this(context, Path.of("").toAbsolutePath(), jarPath(), DEFAULT_DEADLINE);
  }

  /** DEADLINE bounds each run of the crontab program. */
  CrontabInstaller(CliContext context, Path workDir, Path jar, Duration deadline) {
    this.context = context;
    this.workDir = workDir;
    this.jar = jar;
    this.deadline = deadline;
  }

  int install(String verb, String schedule) throws IOException, InterruptedException {
    try {
      var line = CrontabLine.of(schedule, verb, workDir, jar);
      var crontab = new CrontabProgram(context.env().getOrDefault("CRONTAB", "crontab"), deadline);
      byte[] current = crontab.read();
      var installed = line.findIn(new String(current, StandardCharsets.UTF_8));
      if (installed.isPresent()) {
        context.out().println("crontab already has: " + installed.get());
        return 0;
      }
      crontab.write(withLine(current, line.text()));
      context.out().println("added to crontab: " + line.text());
      return 0;
    } catch (CrontabException refused) {
      context.err().println("vastbot: " + SafeText.forLogLine(refused.getMessage()));
      return FailureReporter.EXIT_FAILED;
    }
  }

  private static byte[] withLine(byte[] current, String line) {
    var table = new ByteArrayOutputStream();
    table.writeBytes(current);
    if (current.length > 0 && current[current.length - 1] != '\n') {
      table.write('\n');
    }
    table.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    return table.toByteArray();
  }

  private static Path jarPath() {
    try {
      var location = CrontabInstaller.class.getProtectionDomain().getCodeSource().getLocation();
      return Path.of(location.toURI()).toAbsolutePath();
    } catch (URISyntaxException | SecurityException e) {
      return Path.of("target/vastbot.jar");
    }
  }
}
