package dev.vastbot.ssh;

import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.ShellOutcome.Failure;
import dev.vastbot.fleet.remote.SshTarget;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;

/**
 * Runs one task per host on at most {@code parallelism} threads (shared by all calls) and collects
 * the outcomes by a common deadline: a host that has not answered shortly after it is reported as
 * {@code TIMEOUT} and its task is interrupted. Thread-safe.
 */
final class FanOut implements AutoCloseable {
  /** How long after the deadline a host's task may take to close up and report. */
  static final Duration GRACE = Duration.ofMillis(500);

  private final ThreadPoolExecutor workers;

  FanOut(int parallelism) {
    workers = new ThreadPoolExecutor(parallelism, parallelism, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads());
    workers.allowCoreThreadTimeOut(true);
  }

  /** {@link #runOnAll(List, Duration, BiFunction, LongConsumer)} telling no one as hosts finish. */
  Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, Duration budget,
      BiFunction<SshTarget, Deadline, ShellOutcome> runOne) {
    return runOnAll(targets, budget, runOne, id -> { });
  }

  /**
   * @param runOne runs the command on one host by the given deadline; must not throw
   * @param done told each target's instance id once, when its outcome is in (on a worker thread
   *     as its host finishes, or on the caller's when it is given up at the deadline)
   * @return one outcome per target, keyed by instance id, in the order of {@code targets}
   */
  Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, Duration budget,
      BiFunction<SshTarget, Deadline, ShellOutcome> runOne, LongConsumer done) {
    var deadline = Deadline.after(budget);
    var pending = new LinkedHashMap<SshTarget, Future<ShellOutcome>>();
    var told = new LinkedHashMap<SshTarget, AtomicBoolean>();
    try {
      for (SshTarget target : targets) {
        var once = new AtomicBoolean();
        told.put(target, once);
        pending.put(target, workers.submit(() -> {
          ShellOutcome outcome = deadline.expired()
              ? notStarted(target, deadline) : runOne.apply(target, deadline.startingNow());
          tell(done, target, once);
          return outcome;
        }));
      }
    } catch (RejectedExecutionException closed) {
      pending.values().forEach(task -> task.cancel(true));
      throw new IllegalStateException("the remote shell is closed");
    }
    var outcomes = new LinkedHashMap<Long, ShellOutcome>();
    pending.forEach((target, task) -> {
      outcomes.put(target.instanceId(), awaitOutcome(target, task, deadline));
      tell(done, target, told.get(target));
    });
    return Collections.unmodifiableMap(outcomes);
  }

  /** Tells {@code done} of the target unless it was told already; a failure of {@code done} is ignored. */
  private static void tell(LongConsumer done, SshTarget target, AtomicBoolean once) {
    if (once.compareAndSet(false, true)) {
      try {
        done.accept(target.instanceId());
      } catch (RuntimeException ignored) {
        // progress only: never costs the host its outcome
      }
    }
  }

  private static ShellOutcome awaitOutcome(SshTarget target, Future<ShellOutcome> task,
      Deadline deadline) {
    try {
      return task.get(deadline.remaining().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException late) {
      task.cancel(true);
      return ShellOutcome.failed(Failure.TIMEOUT, target + ": no answer by the deadline",
          deadline.elapsed());
    } catch (InterruptedException interrupted) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      return ShellOutcome.failed(Failure.TIMEOUT, target + ": interrupted while waiting",
          deadline.elapsed());
    } catch (ExecutionException bug) {
      return ShellOutcome.failed(Failure.SSH_ERROR, target + ": internal error ("
          + bug.getCause().getClass().getSimpleName() + ")", deadline.elapsed());
    }
  }

  private static ShellOutcome notStarted(SshTarget target, Deadline deadline) {
    return ShellOutcome.failed(Failure.TIMEOUT, target
        + ": not started, the fan-out was busy until the deadline", deadline.elapsed());
  }

  private static ThreadFactory daemonThreads() {
    var count = new AtomicInteger();
    return task -> {
      var thread = new Thread(task, "vastbot-ssh-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
