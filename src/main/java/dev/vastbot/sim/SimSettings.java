package dev.vastbot.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable configuration of a {@link SimMarketplace}.
 *
 * @param apiKey the one valid account API key
 * @param seed seeds offers, instance ids, keys and random answer bodies; same seed, same requests
 *     and same clock give the same answers
 * @param createdToLoading how long a new instance shows {@code actual_status} null, then {@code
 *     created} (each for half of this), before {@code loading}
 * @param loadingToRunning how long {@code loading} (and {@code rebooting}) lasts before {@code
 *     running}
 * @param startingBalance account credit in USD
 * @param rateLimitEnabled whether {@code minIntervals} is enforced
 * @param minIntervals minimum interval between two requests of one key to one endpoint, keyed by
 *     {@code "METHOD /path/{id}/"} without the {@code /api/v0} prefix (v1 paths keep theirs), e.g.
 *     {@code "PUT /asks/{id}/"} or {@code "GET /api/v1/instances/"}
 * @param restartToRunning how long a stopped instance that is started again shows {@code loading}
 *     before {@code running} (a restart keeps its image and disk: no pull)
 * @param gpuTakenScale how fast a stopped instance's GPU goes to another renter: a start after
 *     {@code h} hours stopped finds it taken with probability {@code 1 - exp(-h / scale)} (drawn
 *     from the seed, the instance and its restart count); zero: never taken
 */
public record SimSettings(
    String apiKey,
    long seed,
    Duration createdToLoading,
    Duration loadingToRunning,
    double startingBalance,
    boolean rateLimitEnabled,
    Map<String, Duration> minIntervals,
    Duration restartToRunning,
    Duration gpuTakenScale) {

  public SimSettings {
    Objects.requireNonNull(apiKey, "apiKey == null");
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey is blank");
    }
    requireNotNegative(createdToLoading, "createdToLoading");
    requireNotNegative(loadingToRunning, "loadingToRunning");
    minIntervals = Map.copyOf(Objects.requireNonNull(minIntervals, "minIntervals == null"));
    requireNotNegative(restartToRunning, "restartToRunning");
    requireNotNegative(gpuTakenScale, "gpuTakenScale");
  }

  /** Settings whose restarts take the load delay and never find the GPU taken. */
  public SimSettings(String apiKey, long seed, Duration createdToLoading, Duration loadingToRunning,
      double startingBalance, boolean rateLimitEnabled, Map<String, Duration> minIntervals) {
    this(apiKey, seed, createdToLoading, loadingToRunning, startingBalance, rateLimitEnabled, minIntervals,
        loadingToRunning, Duration.ZERO);
  }

  /**
   * A copy whose restarts take {@code restart} and find a stopped GPU taken with probability {@code
   * 1 - exp(-hours stopped / takenScale)} (zero: never).
   */
  public SimSettings withRestarts(Duration restart, Duration takenScale) {
    return new SimSettings(apiKey, seed, createdToLoading, loadingToRunning, startingBalance, rateLimitEnabled,
        minIntervals, restart, takenScale);
  }

  /** The probability that a start after {@code stopped} finds the GPU taken. */
  public double gpuTakenProbability(Duration stopped) {
    if (gpuTakenScale.isZero() || stopped.isNegative()) {
      return 0;
    }
    return 1 - Math.exp(-(double) stopped.toMillis() / gpuTakenScale.toMillis());
  }

  /**
   * Key {@code sim-api-key}, seed 42, boot delays 1 s and 3 s, $100 of credit, rate limit off, and
   * Vast's published per-endpoint thresholds (VAST_API §1.4) ready for when it is switched on;
   * restarts take the load delay and never find the GPU taken ({@link #withRestarts} models both).
   */
  public static SimSettings defaults() {
    return new SimSettings(
        "sim-api-key",
        42L,
        Duration.ofSeconds(1),
        Duration.ofSeconds(3),
        100.0,
        false,
        vastMinIntervals());
  }

  /** The threshold table of VAST_API §1.4, read as seconds between two requests. */
  public static Map<String, Duration> vastMinIntervals() {
    var intervals = new LinkedHashMap<String, Duration>();
    intervals.put("PUT /asks/{id}/", Duration.ofMillis(4500));
    intervals.put("GET /instances/{id}/", Duration.ofSeconds(2));
    intervals.put("PUT /instances/{id}/", Duration.ofSeconds(1));
    intervals.put("DELETE /instances/{id}/", Duration.ofSeconds(3));
    intervals.put("GET /api/v1/instances/", Duration.ofSeconds(1));
    intervals.put("PUT /instances/reboot/{id}/", Duration.ofSeconds(1));
    intervals.put("PUT /instances/recycle/{id}/", Duration.ofSeconds(1));
    intervals.put("PUT /instances/bid_price/{id}/", Duration.ofMillis(5500));
    intervals.put("PUT /instances/command/{id}/", Duration.ofMillis(1500));
    intervals.put("POST /ssh/", Duration.ofSeconds(1));
    intervals.put("PUT /ssh/{id}/", Duration.ofSeconds(1));
    intervals.put("GET /charges/", Duration.ofSeconds(1));
    return Map.copyOf(intervals);
  }

  /** A copy with another valid API key. */
  public SimSettings withApiKey(String newApiKey) {
    return new SimSettings(
        newApiKey,
        seed,
        createdToLoading,
        loadingToRunning,
        startingBalance,
        rateLimitEnabled,
        minIntervals, restartToRunning, gpuTakenScale);
  }

  /** A copy with another seed. */
  public SimSettings withSeed(long newSeed) {
    return new SimSettings(
        apiKey,
        newSeed,
        createdToLoading,
        loadingToRunning,
        startingBalance,
        rateLimitEnabled,
        minIntervals, restartToRunning, gpuTakenScale);
  }

  /**
   * A copy with other boot delays; restarts keep taking the load delay unless {@link #withRestarts}
   * set them apart.
   */
  public SimSettings withBootDelays(Duration newCreatedToLoading, Duration newLoadingToRunning) {
    Duration restart = restartToRunning.equals(loadingToRunning) ? newLoadingToRunning : restartToRunning;
    return new SimSettings(apiKey, seed, newCreatedToLoading, newLoadingToRunning, startingBalance,
        rateLimitEnabled, minIntervals, restart, gpuTakenScale);
  }

  /** A copy with another starting balance in USD. */
  public SimSettings withStartingBalance(double newStartingBalance) {
    return new SimSettings(
        apiKey,
        seed,
        createdToLoading,
        loadingToRunning,
        newStartingBalance,
        rateLimitEnabled,
        minIntervals, restartToRunning, gpuTakenScale);
  }

  /** A copy with the rate limiter switched on or off. */
  public SimSettings withRateLimit(boolean enabled) {
    return new SimSettings(
        apiKey, seed, createdToLoading, loadingToRunning, startingBalance, enabled, minIntervals, restartToRunning,
        gpuTakenScale);
  }

  /** A copy with other per-endpoint minimum intervals (see {@link #minIntervals()}). */
  public SimSettings withMinIntervals(Map<String, Duration> newMinIntervals) {
    return new SimSettings(
        apiKey,
        seed,
        createdToLoading,
        loadingToRunning,
        startingBalance,
        rateLimitEnabled,
        newMinIntervals, restartToRunning, gpuTakenScale);
  }

  private static void requireNotNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name + " == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " < 0: " + duration);
    }
  }
}
