package dev.vastbot.vast;

import dev.vastbot.fleet.Pause;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How the client talks to Vast.
 *
 * @param apiUrl the v0 base, e.g. {@code https://console.vast.ai/api/v0}; v1 endpoints are built
 *     from the same origin
 * @param requestTimeout the deadline of one HTTP attempt
 * @param maxAttempts total attempts per call (at least 1)
 * @param retryBudget the most time one call may spend across its attempts and waits
 * @param firstBackoff the first retry delay before jitter; it doubles each time up to {@code
 *     maxBackoff}
 * @param minIntervals per endpoint ("PUT /asks/{id}/"), the least time between two requests; Vast
 *     enforces such intervals without a Retry-After header, so the client paces itself
 */
public record VastClientSettings(
    String apiUrl,
    ApiKey apiKey,
    Duration requestTimeout,
    int maxAttempts,
    Duration retryBudget,
    Duration firstBackoff,
    Duration maxBackoff,
    Map<String, Duration> minIntervals,
    Clock clock,
    Pause pause,
    RandomGenerator jitter) {

  /** Vast's published per-endpoint thresholds (VAST_API §1.4), used to pace requests. */
  public static final Map<String, Duration> VAST_MIN_INTERVALS =
      Map.of(
          "PUT /asks/{id}/", Duration.ofMillis(4500),
          "GET /instances/{id}/", Duration.ofMillis(2000),
          "PUT /instances/{id}/", Duration.ofMillis(1000),
          "DELETE /instances/{id}/", Duration.ofMillis(3000),
          "GET /api/v1/instances/", Duration.ofMillis(1000),
          "PUT /instances/reboot/{id}/", Duration.ofMillis(1000));

  public VastClientSettings {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(pause, "pause");
    Objects.requireNonNull(jitter, "jitter");
    minIntervals = Map.copyOf(minIntervals);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
  }

  /** Production defaults: real time, Vast's pacing, 6 attempts within 60 s. */
  public static VastClientSettings defaults(String apiUrl, ApiKey apiKey) {
    return new VastClientSettings(
        apiUrl,
        apiKey,
        Duration.ofSeconds(30),
        6,
        Duration.ofSeconds(60),
        Duration.ofMillis(500),
        Duration.ofSeconds(8),
        VAST_MIN_INTERVALS,
        Clock.systemUTC(),
        Pause.sleeping(),
        RandomGenerator.getDefault());
  }

  public VastClientSettings withRetries(int attempts, Duration budget) {
    return new VastClientSettings(
        apiUrl, apiKey, requestTimeout, attempts, budget, firstBackoff, maxBackoff, minIntervals,
        clock, pause, jitter);
  }

  public VastClientSettings withRequestTimeout(Duration timeout) {
    return new VastClientSettings(
        apiUrl, apiKey, timeout, maxAttempts, retryBudget, firstBackoff, maxBackoff, minIntervals,
        clock, pause, jitter);
  }

  public VastClientSettings withTime(Clock newClock, Pause newPause) {
    return new VastClientSettings(
        apiUrl, apiKey, requestTimeout, maxAttempts, retryBudget, firstBackoff, maxBackoff,
        minIntervals, newClock, newPause, jitter);
  }

  public VastClientSettings withJitter(RandomGenerator random) {
    return new VastClientSettings(
        apiUrl, apiKey, requestTimeout, maxAttempts, retryBudget, firstBackoff, maxBackoff,
        minIntervals, clock, pause, random);
  }

  public VastClientSettings withMinIntervals(Map<String, Duration> intervals) {
    return new VastClientSettings(
        apiUrl, apiKey, requestTimeout, maxAttempts, retryBudget, firstBackoff, maxBackoff,
        intervals, clock, pause, jitter);
  }
}
