package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.LoopTick;
import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.port.LoopTask;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncRequest;
import dev.vastbot.service.loop.BackgroundLoop;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** The loop, sync, sweep and Vast-call meters, read back from the scrape text. */
class BotMetricsTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final BotMetrics metrics = new BotMetrics(clock);

  /** The value of one series in the scrape ({@code name{labels}} exactly as rendered). */
  static double value(String scrape, String series) {
    return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
        .orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + scrape));
  }

  @Test
  void loopTicks_areCountedByOutcome_andTimed() throws Exception {
    LoopTask health = metrics.timed("health", () -> {
      clock.advance(Duration.ofSeconds(2));
      return "2 healthy";
    });
    assertTrue(metrics.scrape().contains("vastbot_loop_ticks_total{loop=\"health\",outcome=\"failed\"} 0.0"),
        "both outcomes exist from the start: " + metrics.scrape());

    assertEquals("2 healthy", health.tick());
    String scrape = metrics.scrape();

    assertTrue(scrape.contains("vastbot_loop_ticks_total{loop=\"health\",outcome=\"ok\"} 1.0"), scrape);
    assertTrue(scrape.contains("vastbot_loop_tick_duration_seconds_count{loop=\"health\",outcome=\"ok\"} 1"), scrape);
    assertEquals(2.0, value(scrape, "vastbot_loop_tick_duration_seconds_sum{loop=\"health\",outcome=\"ok\"}"));
  }

  @Test
  void aTickThatThrows_countsAsFailed_andItsThrowableGoesOnUnchanged() {
    var failure = new IllegalStateException("Vast is unavailable");
    LoopTask failing = metrics.timed("health", () -> {
      throw failure;
    });
    var overflow = new StackOverflowError();
    LoopTask erring = metrics.timed("keepalive", () -> {
      throw overflow;
    });

    assertSame(failure, assertThrows(IllegalStateException.class, failing::tick));
    assertSame(overflow, assertThrows(StackOverflowError.class, erring::tick));
    String scrape = metrics.scrape();

    assertTrue(scrape.contains("vastbot_loop_ticks_total{loop=\"health\",outcome=\"failed\"} 1.0"), scrape);
    assertTrue(scrape.contains("vastbot_loop_ticks_total{loop=\"keepalive\",outcome=\"failed\"} 1.0"), scrape);
    assertTrue(scrape.contains("vastbot_loop_ticks_total{loop=\"health\",outcome=\"ok\"} 0.0"), scrape);
  }

  @Test
  void aBackgroundLoop_stillRecordsItsFailedTick_withTheTaskTimed() {
    var store = new InMemoryFleetStore();
    Queue<String> outcomes = new ArrayDeque<>(List.of("ok", "fail"));
    var loop = new BackgroundLoop("health", Duration.ofMinutes(5), metrics.timed("health", () -> {
      if (outcomes.poll().equals("fail")) {
        throw new IllegalStateException("list failed");
      }
      return "1 healthy";
    }), store, clock);

    loop.runOnce();
    LoopTick failed = loop.runOnce();
    String scrape = metrics.scrape();

    assertFalse(failed.ok());
    assertEquals("IllegalStateException: list failed", failed.outcome());
    assertTrue(scrape.contains("vastbot_loop_ticks_total{loop=\"health\",outcome=\"ok\"} 1.0"), scrape);
    assertTrue(scrape.contains("vastbot_loop_ticks_total{loop=\"health\",outcome=\"failed\"} 1.0"), scrape);
  }

  @Test
  void syncs_countBytes_andAreTimedByOutcome() throws Exception {
    Queue<SyncReport> reports = new ArrayDeque<>(List.of(
        report(4096, null, List.of()),
        report(100, null, List.of("checksum still differs: a.db")),
        report(0, SyncReport.Failure.UNREACHABLE, List.of())));
    DataSync measured = metrics.measured((target, request, progress) -> {
      clock.advance(Duration.ofSeconds(10));
      SyncReport next = reports.poll();
      if (next == null) {
        throw new InterruptedException();
      }
      return next;
    });

    for (int i = 0; i < 3; i++) {
      measured.pull(target(), request(), SyncProgress.NONE);
    }
    assertThrows(InterruptedException.class, () -> measured.pull(target(), request(), SyncProgress.NONE));
    String scrape = metrics.scrape();

    assertTrue(scrape.contains("vastbot_sync_bytes_total 4196.0"), scrape);
    assertTrue(scrape.contains("vastbot_sync_duration_seconds_count{outcome=\"verified\"} 1"), scrape);
    assertTrue(scrape.contains("vastbot_sync_duration_seconds_count{outcome=\"not_verified\"} 1"), scrape);
    assertTrue(scrape.contains("vastbot_sync_duration_seconds_count{outcome=\"failed\"} 2"),
        "a stopped pull and a pull that threw: " + scrape);
    assertEquals(10.0, value(scrape, "vastbot_sync_duration_seconds_sum{outcome=\"verified\"}"));
  }

  @Test
  void sweeps_areTimed() {
    List<String> results = metrics.timeSweep(() -> {
      clock.advance(Duration.ofMillis(1500));
      return List.of("healthy");
    });
    assertThrows(IllegalStateException.class, () -> metrics.timeSweep(() -> {
      throw new IllegalStateException("store closed");
    }));
    String scrape = metrics.scrape();

    assertEquals(List.of("healthy"), results);
    assertTrue(scrape.contains("vastbot_ssh_sweep_duration_seconds_count{outcome=\"ok\"} 1"), scrape);
    assertTrue(scrape.contains("vastbot_ssh_sweep_duration_seconds_count{outcome=\"failed\"} 1"), scrape);
    assertEquals(1.5, value(scrape, "vastbot_ssh_sweep_duration_seconds_sum{outcome=\"ok\"}"));
  }

  @Test
  void vastCalls_areCountedAndTimed_byEndpointAndOutcome() {
    metrics.called("GET /instances/{id}/", "ok", Duration.ofMillis(250));
    metrics.called("GET /instances/{id}/", "ok", Duration.ofMillis(250));
    metrics.called("GET /instances/{id}/", "rate_limited", Duration.ofMillis(20));
    String scrape = metrics.scrape();

    assertTrue(scrape.contains(
        "vastbot_vast_api_calls_total{endpoint=\"GET /instances/{id}/\",outcome=\"ok\"} 2.0"), scrape);
    assertTrue(scrape.contains(
        "vastbot_vast_api_calls_total{endpoint=\"GET /instances/{id}/\",outcome=\"rate_limited\"} 1.0"), scrape);
    assertEquals(0.5, value(scrape,
        "vastbot_vast_api_call_duration_seconds_sum{endpoint=\"GET /instances/{id}/\",outcome=\"ok\"}"));
  }

  private static SyncReport report(long bytes, SyncReport.Failure failure, List<String> problems) {
    return new SyncReport(1, 0, bytes, 0, List.of(), failure, failure == null ? null : "refused", problems,
        Duration.ofSeconds(10));
  }

  private static SshTarget target() {
    return new SshTarget(7, new HostPort("127.0.0.1", 22));
  }

  private static SyncRequest request() {
    return new SyncRequest(List.of("/workspace/data"), Path.of("/tmp/sync/7"), false, Duration.ofHours(1));
  }
}
