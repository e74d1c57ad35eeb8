package dev.vastbot.slack;

import dev.vastbot.fleet.port.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link OutboxSender} on a scheduler: a short tick that drains when something is due
 * (the time the last drain named) or was just queued ({@link #wake}). A drain that throws (the
 * store down, say) is logged and tried again at the next tick.
 */
public final class OutboxPump implements AutoCloseable {
  static final Duration TICK = Duration.ofMillis(100);
  private static final Logger log = LoggerFactory.getLogger(OutboxPump.class);
  private final OutboxSender sender;
  private final Clock clock;
  private final AtomicBoolean woken = new AtomicBoolean(true);
  private final AtomicReference<Instant> due = new AtomicReference<>(Instant.MIN);
  private TaskScheduler.Cancellable scheduled;

  public OutboxPump(OutboxSender sender, Clock clock) {
    this.sender = sender;
    this.clock = clock;
  }

  /** Starts draining on {@code scheduler}. */
  public synchronized void start(TaskScheduler scheduler) {
    if (scheduled != null) {
      throw new IllegalStateException("the outbox pump is already running");
    }
    scheduled = scheduler.scheduleWithFixedDelay(this::tick, Duration.ZERO, TICK);
  }

  /** Something was queued: drain at the next tick. */
  public void wake() {
    woken.set(true);
  }

  private void tick() {
    if (!woken.getAndSet(false) && clock.instant().isBefore(due.get())) {
      return;
    }
    try {
      due.set(sender.drain());
    } catch (RuntimeException | Error failed) {
      log.warn("the Slack outbox could not be sent: " + failed.getClass().getSimpleName()
          + "; trying again");
      due.set(clock.instant().plus(OutboxSender.IDLE));
    }
  }

  @Override
  public synchronized void close() {
    if (scheduled != null) {
      scheduled.cancel();
      scheduled = null;
    }
  }
}
