package dev.vastbot.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The wait for an idle JIT compiler runs on the verb's clock and pause, within its bound. */
class BenchJvmTest {
  @Test
  void waitsForTheCompilerOnTheInjectedClockAndNeverPastTheBound() throws InterruptedException {
    var start = Instant.parse("2026-12-08T00:00:00Z");
    var clock = new MutableClock(start);

    BenchJvm.awaitCompilerIdle(Duration.ofSeconds(1), Duration.ofSeconds(10), clock, clock.pause());

    Duration waited = Duration.between(start, clock.instant());
    assertTrue(waited.compareTo(Duration.ofSeconds(10)) <= 0, "waited " + waited + " on the clock, bound 10 s");
    assertTrue(waited.compareTo(Duration.ofSeconds(1)) >= 0 || !compilationTimeReported(),
        "waited " + waited + ": at least one quiet period is looked at where the JVM reports compilation time");
  }

  private static boolean compilationTimeReported() {
    var compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
    return compiler != null && compiler.isCompilationTimeMonitoringSupported();
  }
}
