package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.ShellOutcome.Failure;
import dev.vastbot.fleet.remote.SshTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FanOutTest {
  private static final SshTarget STUCK = new SshTarget(1, new HostPort("127.0.0.1", 22));
  private static final SshTarget FINE = new SshTarget(2, new HostPort("127.0.0.1", 23));

  @Test
  void answersByTheDeadlineEvenWhenAHostIgnoresIt() {
    var neverReleased = new CountDownLatch(1);
    var interrupted = new CountDownLatch(1);
    try (var fanOut = new FanOut(4)) {
      Duration deadline = Duration.ofMillis(300);

      long started = System.nanoTime();
      Map<Long, ShellOutcome> outcomes = fanOut.runOnAll(List.of(STUCK, FINE), deadline,
          (target, by) -> target == STUCK ? ignoreDeadline(neverReleased, interrupted)
              : ShellOutcome.completed(0, "ok", "", false, by.elapsed()));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertTrue(took.compareTo(deadline.plus(FanOut.GRACE).plusMillis(200)) < 0, took::toString);
      assertEquals(Failure.TIMEOUT, outcomes.get(1L).failure());
      assertEquals("vast-1 (127.0.0.1:22): no answer by the deadline", outcomes.get(1L).message());
      assertTrue(outcomes.get(2L).succeeded());
      assertTrue(await(interrupted), "the stuck task was not interrupted");
    }
  }

  @Test
  void tellsEachHostOnce_asItComesBack_andTheStuckOneAtTheDeadline_whateverTheListenerThrows() {
    var neverReleased = new CountDownLatch(1);
    var told = java.util.Collections.synchronizedList(new java.util.ArrayList<Long>());
    var fineTold = new CountDownLatch(1);
    try (var fanOut = new FanOut(4)) {
      Map<Long, ShellOutcome> outcomes = fanOut.runOnAll(List.of(STUCK, FINE), Duration.ofMillis(300),
          (target, by) -> target == STUCK ? ignoreDeadline(neverReleased, new CountDownLatch(1))
              : ShellOutcome.completed(0, "ok", "", false, by.elapsed()),
          id -> {
            told.add(id);
            if (id == FINE.instanceId()) {
              fineTold.countDown();
              throw new IllegalStateException("a listener that fails");
            }
          });
      assertTrue(await(fineTold));
      assertTrue(outcomes.get(2L).succeeded(), "the listener's failure is not the host's");
      assertEquals(Failure.TIMEOUT, outcomes.get(1L).failure());
      assertEquals(List.of(1L, 2L), told.stream().sorted().toList());
      assertEquals(2L, told.get(0), "the host that answered was told first, as it came back");
    }
  }

  private static ShellOutcome ignoreDeadline(CountDownLatch never, CountDownLatch interrupted) {
    try {
      never.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted.countDown();
    }
    return ShellOutcome.completed(0, "late", "", false, Duration.ZERO);
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
