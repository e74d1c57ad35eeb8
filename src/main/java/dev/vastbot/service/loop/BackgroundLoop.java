package dev.vastbot.service.loop;

import dev.vastbot.fleet.LoopTick;
import dev.vastbot.fleet.port.HealthStore;
import dev.vastbot.fleet.port.LoopTask;
import dev.vastbot.fleet.port.TaskScheduler;
import dev.vastbot.fleet.text.SafeText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * A named loop inside the bot (health sweep, keepalive). Each tick's outcome is recorded in the
 * store; a tick that throws anything (an {@code Error} too) is recorded as failed with the
 * failure's class and a short reason, and the loop runs again next interval. Ticks never overlap.
 */
public final class BackgroundLoop {
  private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);
  private static final int MAX_REASON_CHARS = 300;
  private final String name;
  private final Duration interval;
  private final LoopTask task;
  private final HealthStore store;
  private final Clock clock;
  private volatile Instant nextRun;
  private TaskScheduler.Cancellable scheduled;

  public BackgroundLoop(String name, Duration interval, LoopTask task, HealthStore store, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.interval = interval;
    this.task = task;
    this.store = store;
    this.clock = clock;
  }

  public String name() {
    return name;
  }

  public Duration interval() {
    return interval;
  }

  /** Schedules the loop: first tick after {@code initialDelay}, then every interval after each. */
  public synchronized void start(TaskScheduler scheduler, Duration initialDelay) {
    if (scheduled != null) {
      throw new IllegalStateException("loop " + name + " is already running");
    }
    nextRun = clock.instant().plus(initialDelay);
    scheduled = scheduler.scheduleWithFixedDelay(this::runOnce, initialDelay, interval);
  }

  public synchronized void stop() {
    if (scheduled != null) {
      scheduled.cancel();
      scheduled = null;
      nextRun = null;
    }
  }

  /** Runs one tick now and records it; never throws (except for interruption). */
  public synchronized LoopTick runOnce() {
    Instant started = clock.instant();
    LoopTick tick;
    try {
      String outcome = task.tick();
      tick = new LoopTick(name, started, clock.instant(), true, outcome);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tick = new LoopTick(name, started, clock.instant(), false, "interrupted");
    } catch (Throwable failure) {
      // Anything short of the JVM dying: a host's answer that overflows a parser's stack, or an
      // answer too big for the heap, must cost one tick, not the loop (an Error escaping here
      // would deschedule it for good).
      String reason = shortReason(failure);
      log.warn("loop " + name + ": tick failed: " + reason);
      tick = new LoopTick(name, started, clock.instant(), false, reason);
    }
    if (nextRun != null) {
      nextRun = tick.finishedAt().plus(interval);
    }
    try {
      store.recordLoopTick(tick);
    } catch (Throwable storeFailure) {
      log.error("loop " + name + ": could not record its tick: "
          + shortReason(storeFailure));
    }
    return tick;
  }

  /** The failure's class and the first line of its message, capped and made printable. */
  static String shortReason(Throwable failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
    int newline = message.indexOf('\n');
    String firstLine = newline < 0 ? message : message.substring(0, newline);
    String reason = failure.getClass().getSimpleName() + (firstLine.isEmpty() ? "" : ": " + firstLine);
    return SafeText.forTerminalCell(reason, MAX_REASON_CHARS);
  }

  /** The last recorded tick (from the store, so it survives restarts). */
  public Optional<LoopTick> lastTick() {
    return store.lastLoopTick(name);
  }

  /** When the next tick is due, while the loop is scheduled. */
  public Optional<Instant> nextRun() {
    return Optional.ofNullable(nextRun);
  }
}
