package dev.vastbot.slack;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The lock a stand-in guards its records with, and a condition signalled on every change, so tests
 * wait for an arrival with a bound instead of sleeping.
 */
final class Awaited {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /** Runs {@code change} under the lock and wakes every waiter. */
  void change(Runnable change) {
    lock.lock();
    try {
      change.run();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Reads under the lock. */
  <T> T read(Supplier<T> reading) {
    lock.lock();
    try {
      return reading.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The first value of {@code probe} that satisfies {@code done}, re-read after each change;
   * throws an {@link AssertionError} naming {@code what} and the last value after {@code bound}.
   */
  <T> T until(String what, Duration bound, Supplier<T> probe, Predicate<T> done) {
    long remaining = bound.toNanos();
    lock.lock();
    try {
      T value = probe.get();
      while (!done.test(value)) {
        if (remaining <= 0) {
          throw new AssertionError(
              "not within " + bound.toMillis() + " ms: " + what + "; last seen: " + value);
        }
        remaining = changed.awaitNanos(remaining);
        value = probe.get();
      }
      return value;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    } finally {
      lock.unlock();
    }
  }
}
