package dev.vastbot.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * An instance's pending status steps (e.g. {@code created} at t+0.5 s, {@code loading} at t+1 s,
 * {@code running} at t+4 s), and the "loading forever" hold that withholds the last one. Not
 * thread-safe.
 */
final class StatusSchedule {

  /** One pending change of {@code actual_status}. */
  record Step(Instant at, String status) {}

  private final Duration createdToLoading;
  private final Duration loadingToRunning;
  private final Duration restartToRunning;
  private final Deque<Step> steps = new ArrayDeque<>();
  private boolean holdInLoading;

  StatusSchedule(SimSettings settings) {
    this.createdToLoading = settings.createdToLoading();
    this.loadingToRunning = settings.loadingToRunning();
    this.restartToRunning = settings.restartToRunning();
  }

  /** A fresh boot: null → created (half-way) → loading → running. */
  void boot(Instant now, boolean hold) {
    holdInLoading = hold;
    steps.clear();
    steps.add(new Step(now.plus(createdToLoading.dividedBy(2)), "created"));
    steps.add(new Step(now.plus(createdToLoading), "loading"));
    addRunning(now.plus(createdToLoading));
  }

  /** Replaces the pending steps with: running once loading (or rebooting) has lasted its time. */
  void runAfterLoading(Instant loadingStarted) {
    steps.clear();
    addRunning(loadingStarted);
  }

  /** Replaces the pending steps with: running once a restart's loading has lasted its time. */
  void runAfterRestart(Instant started) {
    steps.clear();
    if (!holdInLoading) {
      steps.add(new Step(started.plus(restartToRunning), "running"));
    }
  }

  /** From now on (and across restarts) loading never ends, until {@link #release}. */
  void holdInLoading() {
    holdInLoading = true;
    steps.removeIf(step -> step.status().equals("running"));
  }

  boolean isHeldInLoading() {
    return holdInLoading;
  }

  /** Ends the hold; an instance sitting in loading goes on to running after the usual delay. */
  void release(Instant now, boolean loadingNow) {
    if (!holdInLoading) {
      return;
    }
    holdInLoading = false;
    if (!steps.isEmpty()) {
      steps.add(new Step(steps.getLast().at().plus(loadingToRunning), "running"));
    } else if (loadingNow) {
      steps.add(new Step(now.plus(loadingToRunning), "running"));
    }
  }

  private void addRunning(Instant loadingStarted) {
    if (!holdInLoading) {
      steps.add(new Step(loadingStarted.plus(loadingToRunning), "running"));
    }
  }

  void clear() {
    steps.clear();
  }

  Optional<Instant> nextAt() {
    return Optional.ofNullable(steps.peekFirst()).map(Step::at);
  }

  /** Removes and returns the next step if it is due at {@code now}. */
  Optional<Step> takeDue(Instant now) {
    Step next = steps.peekFirst();
    if (next == null || next.at().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(steps.pollFirst());
  }
}
