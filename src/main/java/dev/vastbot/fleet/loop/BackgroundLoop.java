package dev.vastbot.fleet.loop;

import dev.vastbot.fleet.FleetStore;
import dev.vastbot.fleet.LoopTick;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A named loop inside the bot (health sweep, keepalive). Each tick's outcome is recorded in the
 * store; a tick that throws is recorded as failed and the loop goes on. Ticks never overlap.
 */
public final class BackgroundLoop {
  private static final System.Logger log = System.getLogger(BackgroundLoop.class.getName());
  private final String name;
  private final Duration interval;
  private final LoopTask task;
  private final FleetStore store;
  private final Clock clock;
  private volatile Instant nextRun;
  private TaskScheduler.Cancellable scheduled;

  public BackgroundLoop(String name, Duration interval, LoopTask task, FleetStore store, Clock clock) {
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
    } catch (Exception e) {
      log.log(System.Logger.Level.WARNING, "loop " + name + ": tick failed: " + e.getMessage());
      tick = new LoopTick(name, started, clock.instant(), false,
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (nextRun != null) {
      nextRun = tick.finishedAt().plus(interval);
    }
    try {
      store.recordLoopTick(tick);
    } catch (RuntimeException storeFailure) {
      log.log(System.Logger.Level.ERROR, "loop " + name + ": could not record its tick: " + storeFailure.getMessage());
    }
    return tick;
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
