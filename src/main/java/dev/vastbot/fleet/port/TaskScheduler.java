package dev.vastbot.fleet.port;

import java.time.Duration;

/**
 * Runs tasks later, injected so that tests run due tasks by advancing a clock. A task is never run
 * concurrently with itself: the next run is scheduled {@code delay} after the previous one ends.
 */
public interface TaskScheduler extends AutoCloseable {

  /** Runs {@code task} after {@code initialDelay}, then again {@code delay} after each run ends. */
  Cancellable scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay);

  @Override
  void close();

  /** Stops a scheduled task from running again. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
