package dev.vastbot.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar target/vastbot.jar ...} as a separate process, the way people do. */
final class JarProcess {
  static final Path JAR = Path.of("target", "vastbot.jar");

  record Result(int exitCode, String out, String err) {}

  private JarProcess() {}

  static ProcessBuilder builder(Map<String, String> env, Path workDir, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("VAST") || k.startsWith("SLACK"));
    builder.environment().putAll(env);
    return builder;
  }

  /** Runs to completion with stdin fed from {@code input}; fails the test past the deadline. */
  static Result run(Map<String, String> env, Path workDir, String input, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("vastbot-out", ".txt");
    Path err = Files.createTempFile("vastbot-err", ".txt");
    Process process = builder(env, workDir, args)
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("vastbot " + String.join(" ", args) + " did not finish within "
          + timeoutSeconds + " s; stderr: " + Files.readString(err));
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /**
   * Reads {@code NAME=value} lines the process prints until every one of {@code names} came (60 s
   * at most), then keeps draining its output so it never blocks on a full pipe.
   */
  static Map<String, String> readValues(Process process, List<String> names) throws Exception {
    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      Map<String, String> values = new java.util.HashMap<>();
      try {
        while (values.size() < names.size()) {
          String line = reader.readLine();
          if (line == null) {
            throw new IllegalStateException("exited early: " + values.keySet());
          }
          int equals = line.indexOf('=');
          if (equals > 0 && names.contains(line.substring(0, equals))) {
            values.put(line.substring(0, equals), line.substring(equals + 1));
          }
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      drain(reader);
      return values;
    }).get(60, TimeUnit.SECONDS);
  }

  /** Keeps reading what a process prints, on a daemon thread, so that it never blocks on a full pipe. */
  static void drain(java.io.BufferedReader reader) {
    drain(reader, line -> {});
  }

  /** Reads the rest of the process's output in the background, each line to {@code lines}. */
  static void drain(java.io.BufferedReader reader, java.util.function.Consumer<String> lines) {
    Thread drainer = new Thread(() -> {
      try {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.accept(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    drainer.setDaemon(true);
    drainer.start();
  }
}
