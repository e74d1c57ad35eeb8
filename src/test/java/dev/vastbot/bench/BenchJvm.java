package dev.vastbot.bench;

import dev.vastbot.fleet.port.Pause;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/** What the benchmark commands read of their own JVM and process, each where the JVM says it. */
final class BenchJvm {
  private BenchJvm() {}

  /** VmHWM of /proc/self/status in MB (the process's peak RSS), or "?" where there is no such file. */
  static String peakRssMb() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
      return lines.filter(line -> line.startsWith("VmHWM:"))
          .map(line -> Long.toString(Long.parseLong(line.replaceAll("\\D", "")) / 1024))
          .findFirst().orElse("?");
    } catch (IOException | RuntimeException unavailable) {
      return "?";
    }
  }

  /**
   * Bytes the JVM's threads have allocated on the heap so far (HotSpot's count), or 0 where the
   * JVM does not count them: the difference across a phase is that phase's garbage, which is
   * what fills the young generation and so the process's RSS.
   */
  static long allocatedBytes() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
        && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
      return threads.getTotalThreadAllocatedBytes();
    }
    return 0;
  }

  /**
   * Waits, at most {@code bound} on {@code clock}, until the JIT compiler has not compiled for
   * {@code quiet}, so that compiling what ran last takes no CPU from what is measured next;
   * returns at once where the JVM does not report compilation time. It waits through {@code
   * pause}, the verb's own, as every wait of the bot does.
   */
  static void awaitCompilerIdle(Duration quiet, Duration bound, Clock clock, Pause pause)
      throws InterruptedException {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
      return;
    }
    Instant until = clock.instant().plus(bound);
    long before = compiler.getTotalCompilationTime();
    while (clock.instant().isBefore(until)) {
      pause.pause(quiet);
      long now = compiler.getTotalCompilationTime();
      if (now == before) {
        return;
      }
      before = now;
    }
  }
}
