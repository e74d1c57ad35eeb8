package dev.vastbot.testing;

import dev.vastbot.fleet.port.TaskScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A scheduler driven by a {@link MutableClock}: {@link #advance} moves the clock and runs, on the
 * calling thread, every task that has come due, in time order, rescheduling each after it ends.
 */
public final class ManualScheduler implements TaskScheduler {
  private final MutableClock clock;
  private final List<Entry> entries = new ArrayList<>();

  private static final class Entry {
    final Runnable task;
    final Duration delay;
    Instant due;
    boolean cancelled;

    Entry(Runnable task, Instant due, Duration delay) {
      this.task = task;
      this.due = due;
      this.delay = delay;
    }
  }

  public ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Cancellable scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
    Entry entry = new Entry(task, clock.instant().plus(initialDelay), delay);
    entries.add(entry);
    return () -> entry.cancelled = true;
  }

  /** Moves time forward by {@code duration}, running what falls due on the way. */
  public void advance(Duration duration) {
    Instant end = clock.instant().plus(duration);
    while (true) {
      Entry next = nextDue(end);
      if (next == null) {
        break;
      }
      if (next.due.isAfter(clock.instant())) {
        clock.advance(Duration.between(clock.instant(), next.due));
      }
      next.task.run();
      next.due = clock.instant().plus(next.delay);
    }
    if (end.isAfter(clock.instant())) {
      clock.advance(Duration.between(clock.instant(), end));
    }
  }

  private synchronized Entry nextDue(Instant end) {
    return entries.stream().filter(e -> !e.cancelled && !e.due.isAfter(end))
        .min((a, b) -> a.due.compareTo(b.due)).orElse(null);
  }

  @Override
  public void close() {}
}
