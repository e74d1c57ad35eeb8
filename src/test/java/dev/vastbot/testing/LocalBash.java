package dev.vastbot.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in this machine's {@code bash -c}, as a host would run a remote command: in
 * {@code home}, with {@code HOME=home}, output kept in files (so a backgrounded child cannot hold
 * the test up), at most ten seconds.
 */
public final class LocalBash {
  /** What a command did. */
  public record Ran(int exitCode, String stdout, String stderr) {}

  /**
   * A shell function for stand-in commands: prints each of its arguments as {@code <arg>}, then a
   * newline, so a test sees exactly which words arrived.
   */
  public static final String SHOW_ARGS = "args() { for a in \"$@\"; do printf '<%s>' \"$a\"; done; echo; }\n";

  private LocalBash() {}

  public static Ran run(Path home, String command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(home, "stdout", ".txt");
    Path err = Files.createTempFile(home, "stderr", ".txt");
    try {
      var builder = new ProcessBuilder("bash", "-c", command).directory(home.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("HOME", home.toString());
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("bash did not finish: " + command);
      }
      return new Ran(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
