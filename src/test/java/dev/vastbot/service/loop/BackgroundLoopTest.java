package dev.vastbot.service.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.ManualScheduler;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundLoopTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final InMemoryFleetStore store = new InMemoryFleetStore();

  @Test
  void aFailingTick_isRecorded_andTheLoopGoesOn() {
    AtomicInteger ticks = new AtomicInteger();
    var loop = new BackgroundLoop("health", Duration.ofSeconds(60), () -> {
      if (ticks.incrementAndGet() == 2) {
        throw new IllegalStateException("Vast API down");
      }
      return "tick " + ticks.get();
    }, store, clock);
    loop.start(scheduler, Duration.ofSeconds(5));

    scheduler.advance(Duration.ofSeconds(5));
    assertEquals("tick 1", store.lastLoopTick("health").orElseThrow().outcome());
    scheduler.advance(Duration.ofSeconds(60));
    var failed = store.lastLoopTick("health").orElseThrow();
    assertFalse(failed.ok());
    assertEquals("IllegalStateException: Vast API down", failed.outcome());
    scheduler.advance(Duration.ofSeconds(60));
    assertTrue(store.lastLoopTick("health").orElseThrow().ok());
    assertEquals(3, ticks.get());
    assertEquals(clock.instant().plusSeconds(60), loop.nextRun().orElseThrow());
  }

  @Test
  void aTickThrowingAnError_isRecordedWithItsClass_andTheLoopTicksAgain() {
    AtomicInteger ticks = new AtomicInteger();
    var loop = new BackgroundLoop("health", Duration.ofSeconds(60), () -> {
      switch (ticks.incrementAndGet()) {
        case 1 -> throw new StackOverflowError();
        case 2 -> throw new OutOfMemoryError("Java heap space\n\u001b[32mOK: forged");
        default -> {
          return "tick " + ticks.get();
        }
      }
    }, store, clock);
    loop.start(scheduler, Duration.ZERO);

    scheduler.advance(Duration.ZERO);
    assertEquals("StackOverflowError", store.lastLoopTick("health").orElseThrow().outcome());
    scheduler.advance(Duration.ofSeconds(60));
    var second = store.lastLoopTick("health").orElseThrow();
    assertFalse(second.ok());
    assertEquals("OutOfMemoryError: Java heap space", second.outcome(), "first line only");
    scheduler.advance(Duration.ofSeconds(60));
    assertEquals("tick 3", store.lastLoopTick("health").orElseThrow().outcome());
    assertTrue(loop.nextRun().isPresent(), "still scheduled");
  }

  @Test
  void theNextTick_isAnIntervalAfterTheLastOneEnded_soTicksNeverOverlap() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    var loop = new BackgroundLoop("keepalive", Duration.ofMinutes(15), () -> {
      if (running.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      clock.advance(Duration.ofMinutes(20)); // a tick longer than the interval
      running.decrementAndGet();
      return "slow";
    }, store, clock);
    loop.start(scheduler, Duration.ZERO);
    var start = clock.instant();
    scheduler.advance(Duration.ofMinutes(70));
    var last = store.lastLoopTick("keepalive").orElseThrow();
    assertEquals(0, overlaps.get());
    assertEquals(Duration.ofMinutes(20), Duration.between(last.startedAt(), last.finishedAt()));
    assertTrue(Duration.between(start, last.startedAt()).toMinutes() % 35 == 0, last.toString());
  }

  @Test
  void stoppedLoop_runsNoMore() {
    AtomicInteger ticks = new AtomicInteger();
    var loop = new BackgroundLoop("health", Duration.ofSeconds(60), () -> "tick " + ticks.incrementAndGet(),
        store, clock);
    loop.start(scheduler, Duration.ZERO);
    scheduler.advance(Duration.ofSeconds(1));
    loop.stop();
    scheduler.advance(Duration.ofMinutes(10));
    assertEquals(1, ticks.get());
    assertTrue(loop.nextRun().isEmpty());
  }
}
