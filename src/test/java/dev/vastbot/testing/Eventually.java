package dev.vastbot.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a probe until its value satisfies a condition, within a bound (no fixed sleeps). */
public final class Eventually {
  public static final Duration BOUND = Duration.ofSeconds(10);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private Eventually() {}

  /** The first value of {@code probe} that satisfies {@code done}; fails after {@link #BOUND}. */
  public static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    return await(what, BOUND, probe, done);
  }

  public static <T> T await(String what, Duration bound, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + bound.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    return fail("not within " + bound.toSeconds() + " s: " + what + "; last value: " + last);
  }
}
