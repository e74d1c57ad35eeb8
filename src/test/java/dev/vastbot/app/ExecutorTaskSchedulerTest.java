package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecutorTaskSchedulerTest {

  @Test
  void aTaskThatThrowsAnError_staysScheduled() {
    AtomicInteger runs = new AtomicInteger();
    try (var scheduler = new ExecutorTaskScheduler(1)) {
      scheduler.scheduleWithFixedDelay(() -> {
        runs.incrementAndGet();
        throw new StackOverflowError();
      }, Duration.ZERO, Duration.ofMillis(5));
      int seen = Eventually.await("three runs", runs::get, n -> n >= 3);
      assertTrue(seen >= 3);
    }
  }
}
