package dev.vastbot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The {@code crontab} program, run with a deadline. Its input and output go through temporary
 * files, not pipes, so a program that prints megabytes or never exits cannot hold us past the
 * deadline; one that overruns it is killed, with the processes it started.
 */
final class CrontabProgram {
  private static final String CANNOT_READ = "could not read the crontab, so left it as it was: ";
  private static final String CANNOT_WRITE = "could not write the crontab: ";
  private static final int MESSAGE_BYTES = 1024;
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private record Finished(String command, int exitCode, byte[] output, String message) {
    String failure() {
      String exited = "`" + command + "` exited with " + exitCode;
      return message.isEmpty() ? exited : exited + ": " + message;
    }
  }

  private final String program;
  private final Duration deadline;

  CrontabProgram(String program, Duration deadline) {
    this.program = program;
    this.deadline = deadline;
  }

  /** The user's crontab, byte for byte; empty when they have none ("no crontab for USER"). */
  byte[] read() throws IOException, InterruptedException {
    var listing = run("-l", new byte[0], CANNOT_READ);
    if (listing.exitCode() == 0) {
      return listing.output();
    }
    if (listing.exitCode() == 1
        && listing.message().toLowerCase(Locale.ROOT).contains("no crontab for")) {
      return new byte[0];
    }
    throw new CrontabException(CANNOT_READ + listing.failure());
  }

  /** Replaces the user's crontab with TABLE. */
  void write(byte[] table) throws IOException, InterruptedException {
    var store = run("-", table, CANNOT_WRITE);
    if (store.exitCode() != 0) {
      throw new CrontabException(CANNOT_WRITE + store.failure());
    }
  }

  private Finished run(String argument, byte[] input, String failurePrefix)
      throws IOException, InterruptedException {
    Path files = Files.createTempDirectory("vastbot-crontab");
    Path in = files.resolve("in");
    Path out = files.resolve("out");
    Path err = files.resolve("err");
    try {
      Files.write(in, input);
      Process process = start(argument, in, out, err, failurePrefix);
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(process);
        throw new CrontabException(failurePrefix + "`" + program + " " + argument
            + "` did not answer within " + deadline.toSeconds() + " s and was stopped");
      }
      return new Finished(program + " " + argument, process.exitValue(), Files.readAllBytes(out),
          firstLine(err));
    } finally {
      for (Path file : new Path[] {in, out, err, files}) {
        Files.deleteIfExists(file);
      }
    }
  }

  private Process start(String argument, Path in, Path out, Path err, String failurePrefix) {
    try {
      return new ProcessBuilder(program, argument)
          .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
          .start();
    } catch (IOException notStarted) {
      throw new CrontabException(failurePrefix + notStarted.getMessage()
          + " (is cron installed? CRONTAB names the program, else `crontab` must be on PATH)");
    }
  }

  private static void stop(Process process) throws InterruptedException {
    var started = process.descendants().toList();
    process.destroyForcibly();
    started.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The first non-blank line of what the program printed on stderr, or "". */
  private static String firstLine(Path err) throws IOException {
    byte[] head;
    try (var stream = Files.newInputStream(err)) {
      head = stream.readNBytes(MESSAGE_BYTES);
    }
    return new String(head, StandardCharsets.UTF_8).lines().map(String::strip)
        .filter(line -> !line.isEmpty()).findFirst().orElse("")
        .replaceAll("\\p{Cntrl}", "?");
  }
}
