package dev.vastbot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Adds a vastbot line to the user's crontab exactly once, however often it is run, and says what
 * it did. The line runs this same jar from the current folder, logging to var/. The {@code crontab}
 * program can be named with the {@code CRONTAB} environment variable.
 */
final class CrontabInstaller {
  private final CliContext context;

  CrontabInstaller(CliContext context) {
    this.context = context;
  }

  int install(String verb, String schedule) throws IOException, InterruptedException {
    String jar = jarPath();
    String workDir = Path.of("").toAbsolutePath().toString();
    String line = schedule + " cd " + workDir + " && java -jar " + jar + " " + verb + " >> var/"
        + verb.split(" ")[0] + ".log 2>&1";
    String program = context.env().getOrDefault("CRONTAB", "crontab");
    String current = crontab(program, "-l", null);
    if (current == null) {
      current = "";
    }
    if (current.lines().anyMatch(l -> l.contains(jar) && l.contains(" " + verb + " "))) {
      context.out().println("crontab already has: " + line);
      return 0;
    }
    String updated = current + (current.isEmpty() || current.endsWith("\n") ? "" : "\n") + line + "\n";
    if (crontab(program, "-", updated) == null) {
      context.err().println("vastbot: could not write the crontab (is cron installed? `crontab` must be on PATH)");
      return FailureReporter.EXIT_FAILED;
    }
    context.out().println("added to crontab: " + line);
    return 0;
  }

  private static String jarPath() {
    try {
      return Path.of(CrontabInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath().toString();
    } catch (java.net.URISyntaxException | SecurityException e) {
      return "target/vastbot.jar";
    }
  }

  /** Runs {@code crontab ARG}; returns its output, or null when it failed. */
  private static String crontab(String program, String arg, String input)
      throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(program, arg).redirectErrorStream(false).start();
    } catch (IOException noCrontab) {
      return null;
    }
    if (input != null) {
      process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return null;
    }
    if (process.exitValue() != 0) {
      // "crontab -l" fails when the user has no crontab yet: that is an empty one.
      return arg.equals("-l") ? "" : null;
    }
    return out;
  }
}
