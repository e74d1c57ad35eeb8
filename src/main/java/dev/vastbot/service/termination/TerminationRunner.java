package dev.vastbot.service.termination;

import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.text.SafeText;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries open terminations on side by side, at most {@code maxRunning} at a time, each on its own
 * thread of {@code executor}, so a host that stalls its copy delays no other termination's copy,
 * approval, expiry or destroy. {@link #handOut} (the terminations loop's tick) expires overdue
 * approval requests, starts the open terminations not already carried on while places are free
 * (oldest first; the rest wait for a later tick, in the journal), and returns without waiting. A
 * termination whose approval request is undecided takes no place and no thread: it is checked on
 * the loop's thread ({@link Terminator#awaitsDecision}) and left for a later tick, so undecided
 * requests never hold back an approved termination (which keeps billing while it waits).
 *
 * <p>Thread-safe. {@link #close} interrupts what runs: an interrupted termination stays in the
 * step it was in, and the journal carries it on after a restart ({@link Terminator#proceed}).
 */
public final class TerminationRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TerminationRunner.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);
  private final Terminator terminator;
  private final ExecutorService executor;
  private final int maxRunning;
  private final Set<Long> carried = ConcurrentHashMap.newKeySet();

  /**
   * @param executor threads for the terminations (at least {@code maxRunning} of them, or a
   *     started one waits in its queue); this runner shuts it down on {@link #close}
   * @param maxRunning how many run at once ({@code sync.parallel_terminations})
   */
  public TerminationRunner(Terminator terminator, ExecutorService executor, int maxRunning) {
    if (maxRunning < 1) {
      throw new IllegalArgumentException("maxRunning < 1: " + maxRunning);
    }
    this.terminator = Objects.requireNonNull(terminator, "terminator == null");
    this.executor = Objects.requireNonNull(executor, "executor == null");
    this.maxRunning = maxRunning;
  }

  /** What one {@link #handOut} did. */
  public record Handout(int expired, int open, int started, int running, int awaitingApproval) {
    /** "3 open termination(s): 1 started, 2 running, 1 awaiting approval; 1 request(s) expired". */
    public String summary() {
      return open + " open termination(s): " + started + " started, " + running + " running, " + awaitingApproval
          + " awaiting approval; " + expired + " request(s) expired";
    }
  }

  /** Expires overdue requests, then starts open terminations while places are free; never waits for one. */
  public Handout handOut() {
    int expired = terminator.expireOverdue();
    List<Operation> open = terminator.openTerminations();
    int started = 0;
    for (Operation operation : open) {
      if (carried.size() >= maxRunning) {
        break;
      }
      if (!carried.contains(operation.id()) && !terminator.awaitsDecision(operation) && carried.add(operation.id())) {
        started += start(operation.id()) ? 1 : 0;
      }
    }
    int awaiting = (int) open.stream().filter(o -> o.state() == OperationState.AWAITING_APPROVAL).count();
    return new Handout(expired, open.size(), started, carried.size(), awaiting);
  }

  /** The terminations being carried on now, by operation id. */
  public Set<Long> running() {
    return Set.copyOf(carried);
  }

  private boolean start(long operationId) {
    try {
      executor.execute(() -> carryOn(operationId));
      return true;
    } catch (RejectedExecutionException stopping) {
      carried.remove(operationId);
      return false;
    }
  }

  private void carryOn(long operationId) {
    try {
      terminator.proceed(operationId, SyncProgress.NONE);
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error failure) {
      log.warn(SafeText.forTerminal("termination " + operationId + " stopped for now ("
          + failure.getClass().getSimpleName() + ": " + failure.getMessage() + "); the next tick carries it on"));
    } finally {
      carried.remove(operationId);
    }
  }

  /** Interrupts every running termination and waits a little for them to end. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("terminations still running " + STOP_WAIT.toSeconds()
            + " s after being interrupted: " + running());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
