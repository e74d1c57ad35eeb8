package dev.vastbot.app;

import dev.vastbot.fleet.port.TaskScheduler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real scheduler: daemon threads, one per concurrent loop. A task that throws is caught
 * (the loops record their own failures; this is the last line), so it is never silently
 * descheduled as {@code scheduleWithFixedDelay} would do.
 */
public final class ExecutorTaskScheduler implements TaskScheduler {
  private static final Logger log = LoggerFactory.getLogger(ExecutorTaskScheduler.class);
  private final ScheduledExecutorService executor;

  public ExecutorTaskScheduler(int threads) {
    AtomicInteger count = new AtomicInteger();
    this.executor = Executors.newScheduledThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "vastbot-loop-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public Cancellable scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
    ScheduledFuture<?> future = executor.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (Throwable e) {
        // Also an Error: scheduleWithFixedDelay would otherwise drop the task for good.
        log.error("a scheduled task failed (" + e.getClass().getSimpleName()
            + "); it stays scheduled");
      }
    }, initialDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
