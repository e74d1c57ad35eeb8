package dev.vastbot.vast;

import dev.vastbot.fleet.port.Pause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps each endpoint's requests at least its minimum interval apart. Vast enforces such intervals
 * and answers 429 without Retry-After, so the client paces itself. After a 429 the endpoint's
 * interval doubles (up to 8× the base) and it decays back on success. Thread-safe.
 */
final class RequestPacer {
  private static final Duration UNPACED_AFTER_429 = Duration.ofMillis(250);
  private final Map<String, Duration> baseIntervals;
  private final Clock clock;
  private final Pause pause;
  private final Map<String, Instant> nextAllowed = new HashMap<>();
  private final Map<String, Duration> currentIntervals = new HashMap<>();

  RequestPacer(Map<String, Duration> baseIntervals, Clock clock, Pause pause) {
    this.baseIntervals = baseIntervals;
    this.clock = clock;
    this.pause = pause;
  }

  /** Waits until the endpoint may be called again, then reserves the next slot. */
  void awaitTurn(String endpoint) throws InterruptedException {
    Duration wait;
    synchronized (this) {
      Instant now = clock.instant();
      Instant allowed = nextAllowed.getOrDefault(endpoint, now);
      Instant start = allowed.isAfter(now) ? allowed : now;
      wait = Duration.between(now, start);
      nextAllowed.put(endpoint, start.plus(interval(endpoint)));
    }
    if (!wait.isZero()) {
      pause.pause(wait);
    }
  }

  synchronized void recordRateLimited(String endpoint) {
    Duration base = baseIntervals.getOrDefault(endpoint, UNPACED_AFTER_429);
    Duration doubled = interval(endpoint).multipliedBy(2);
    Duration ceiling = base.multipliedBy(8);
    currentIntervals.put(endpoint, doubled.compareTo(ceiling) > 0 ? ceiling : doubled);
  }

  synchronized void recordSuccess(String endpoint) {
    Duration current = currentIntervals.get(endpoint);
    if (current == null) {
      return;
    }
    Duration base = baseIntervals.getOrDefault(endpoint, Duration.ZERO);
    Duration halved = current.dividedBy(2);
    if (halved.compareTo(base) <= 0) {
      currentIntervals.remove(endpoint);
    } else {
      currentIntervals.put(endpoint, halved);
    }
  }

  private Duration interval(String endpoint) {
    return currentIntervals.getOrDefault(endpoint, baseIntervals.getOrDefault(endpoint, Duration.ZERO));
  }
}
