package dev.vastbot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product jar holds no benchmark: no class of a {@code bench} package, no {@code *Bench*}
 * class, no {@code bench-*} command. The benchmarks' tools run beside it, from the test classes,
 * as the {@code bench/*} scripts run them.
 */
class BenchOutsideJarIT {
  private static final List<String> BENCH_COMMANDS =
      List.of("bench-ack", "bench-scale", "bench-sweep", "bench-sync");
  private static final String BENCH_MAIN = "dev.vastbot.bench.BenchMain";
  private static final Path TEST_CLASSES = Path.of("target", "test-classes");

  @TempDir Path dir;

  @Test
  void jar_holdsNoBenchmarkClass() throws IOException {
    List<String> ours;
    try (var jar = new JarFile(JarProcess.JAR.toFile())) {
      ours = jar.stream().map(JarEntry::getName)
          .filter(name -> name.startsWith("dev/vastbot/") && name.endsWith(".class")).toList();
    }
    assertTrue(ours.contains("dev/vastbot/cli/Main.class"), "the jar's own classes are looked at");
    Set<String> benchClasses = benchClassNames();
    assertTrue(benchClasses.contains("NioSlashClient.class"), "the bench classes are looked at: " + benchClasses);
    List<String> benchmarks = ours.stream().filter(name -> name.contains("/bench/")
        || simpleName(name).contains("Bench") || benchClasses.contains(simpleName(name))).toList();
    assertEquals(List.of(), benchmarks);
  }

  /** The file names of the bench package's classes, as the test sources compiled them. */
  private static Set<String> benchClassNames() throws IOException {
    try (Stream<Path> files = Files.list(TEST_CLASSES.resolve("dev/vastbot/bench"))) {
      return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void jar_hasNoBenchCommand() throws Exception {
    var help = JarProcess.run(Map.of(), dir, "", 60, "--help");
    assertEquals(0, help.exitCode(), help.err());
    assertTrue(help.out().contains("data-sync"), help.out());
    assertFalse(help.out().contains("bench"), help.out());
    for (String command : BENCH_COMMANDS) {
      // a hidden command is not in --help but still runs: call each by name (with the jar that had
      // them, each failed on its missing flags or VAST_API_KEY, not as an unknown command)
      var asked = JarProcess.run(Map.of(), dir, "", 60, command);
      assertEquals(2, asked.exitCode(), command + ": " + asked.out());
      assertTrue(asked.err().contains("Unmatched argument at index 0: '" + command + "'"), asked.err());
    }
  }

  @Test
  void benchMain_besideTheJar_hasEveryBenchCommand() throws Exception {
    var help = runBenchMain("--help");
    assertEquals(0, help.exitCode(), help.err());
    for (String command : BENCH_COMMANDS) {
      assertTrue(help.out().contains(command), help.out());
    }
    var probe = runBenchMain("bench-sweep", "--print-command");
    assertEquals(0, probe.exitCode(), probe.err());
    assertTrue(probe.out().contains("nvidia-smi"), probe.out());
  }

  /** {@code java -cp target/vastbot.jar:target/test-classes dev.vastbot.bench.BenchMain args}. */
  private JarProcess.Result runBenchMain(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        JarProcess.JAR.toAbsolutePath() + File.pathSeparator + TEST_CLASSES.toAbsolutePath(), BENCH_MAIN));
    command.addAll(List.of(args));
    Path out = dir.resolve("bench.out");
    Path err = dir.resolve("bench.err");
    var builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("VAST") || k.startsWith("SLACK"));
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("BenchMain " + String.join(" ", args) + " did not finish within 60 s");
    }
    return new JarProcess.Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String simpleName(String entry) {
    return entry.substring(entry.lastIndexOf('/') + 1);
  }
}
