package dev.vastbot.vast;

import dev.vastbot.fleet.port.Pause;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * How the client talks to Vast.
 *
 * @param apiUrl the v0 base, e.g. {@code https://console.vast.ai/api/v0}; v1 endpoints are built
 *     from the same origin; {@code http://} only to a loopback host ({@link #requireSafeApiUrl})
 * @param requestTimeout the deadline of one HTTP attempt
 * @param maxResponseBytes the largest answer body the client reads (1 byte to 1 GiB); a larger
 *     one fails as {@code RESPONSE_TOO_LARGE}
 * @param maxAttempts total attempts per call (at least 1)
 * @param retryBudget the most time one call may spend across its attempts and waits
 * @param firstBackoff the first retry delay before jitter; it doubles each time up to {@code
 *     maxBackoff}
 * @param minIntervals per endpoint ("PUT /asks/{id}/"), the least time between two requests; Vast
 *     enforces such intervals without a Retry-After header, so the client paces itself
 * @param observer told of every attempt ({@link VastCallObserver#NONE} by default)
 */
public record VastClientSettings(
    String apiUrl,
    ApiKey apiKey,
    Duration requestTimeout,
    int maxResponseBytes,
    int maxAttempts,
    Duration retryBudget,
    Duration firstBackoff,
    Duration maxBackoff,
    Map<String, Duration> minIntervals,
    Clock clock,
    Pause pause,
    RandomGenerator jitter,
    VastCallObserver observer) {

  /** Vast's published per-endpoint thresholds (VAST_API §1.4), used to pace requests. */
  public static final Map<String, Duration> VAST_MIN_INTERVALS =
      Map.of(
          "PUT /asks/{id}/", Duration.ofMillis(4500),
          "GET /instances/{id}/", Duration.ofMillis(2000),
          "PUT /instances/{id}/", Duration.ofMillis(1000),
          "DELETE /instances/{id}/", Duration.ofMillis(3000),
          "GET /api/v1/instances/", Duration.ofMillis(1000),
          "PUT /instances/reboot/{id}/", Duration.ofMillis(1000),
          "PUT /instances/bid_price/{id}/", Duration.ofMillis(5500),
          "GET /charges/", Duration.ofMillis(1000));

  public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
  public static final int MAX_RESPONSE_LIMIT = 1024 * 1024 * 1024;

  static final String INSECURE_API_URL =
      "VAST_API_URL: http:// is allowed only for a loopback host (127.0.0.0/8, ::1, localhost); "
          + "use https://";
  private static final Pattern LOOPBACK_IPV4 =
      Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  public VastClientSettings {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(pause, "pause");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(observer, "observer");
    requireSafeApiUrl(apiUrl);
    minIntervals = Map.copyOf(minIntervals);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (maxResponseBytes < 1 || maxResponseBytes > MAX_RESPONSE_LIMIT) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be between 1 and " + MAX_RESPONSE_LIMIT + ", got "
              + maxResponseBytes);
    }
  }

  /**
   * Refuses an API URL that would send the bearer key in clear: {@code http://} is allowed only to
   * a host that is loopback as written ({@code localhost}, {@code 127.x.y.z}, {@code ::1}). The
   * host is judged literally, never by resolving it, and parsed as the client will parse it to
   * send requests. The message does not show the URL, which may hold a secret.
   *
   * @throws IllegalArgumentException when the URL is not http(s), or is http:// to another host
   */
  public static void requireSafeApiUrl(String apiUrl) {
    HttpUrl parsed = HttpUrl.parse(apiUrl);
    if (parsed == null) {
      throw new IllegalArgumentException("VAST_API_URL: not an http(s) URL");
    }
    if (!parsed.isHttps() && !isLoopbackLiteral(parsed.host())) {
      throw new IllegalArgumentException(INSECURE_API_URL);
    }
  }

  /** {@code host} as OkHttp canonicalizes it: lower case, IPv6 without brackets and compressed. */
  private static boolean isLoopbackLiteral(String host) {
    return host.equals("localhost") || host.equals("::1") || LOOPBACK_IPV4.matcher(host).matches();
  }

  /**
   * Production defaults: real time, Vast's pacing, 6 attempts within 60 s, answers to 16 MiB, no
   * observer.
   */
  public static VastClientSettings defaults(String apiUrl, ApiKey apiKey) {
    return new VastClientSettings(
        apiUrl,
        apiKey,
        Duration.ofSeconds(30),
        DEFAULT_MAX_RESPONSE_BYTES,
        6,
        Duration.ofSeconds(60),
        Duration.ofMillis(500),
        Duration.ofSeconds(8),
        VAST_MIN_INTERVALS,
        Clock.systemUTC(),
        Pause.sleeping(),
        RandomGenerator.getDefault(),
        VastCallObserver.NONE);
  }

  public VastClientSettings withRetries(int attempts, Duration budget) {
    return new VastClientSettings(
        apiUrl, apiKey, requestTimeout, maxResponseBytes, attempts, budget, firstBackoff,
        maxBackoff, minIntervals, clock, pause, jitter, observer);
  }

  public VastClientSettings withRequestTimeout(Duration timeout) {
    return new VastClientSettings(
        apiUrl, apiKey, timeout, maxResponseBytes, maxAttempts, retryBudget, firstBackoff,
        maxBackoff, minIntervals, clock, pause, jitter, observer);
  }

  public VastClientSettings withMaxResponseBytes(int bytes) {
    return new VastClientSettings(
        apiUrl, apiKey, requestTimeout, bytes, maxAttempts, retryBudget, firstBackoff,
        maxBackoff, minIntervals, clock, pause, jitter, observer);
  }

  public VastClientSettings withTime(Clock newClock, Pause newPause) {
    return new VastClientSettings(
        apiUrl, apiKey, requestTimeout, maxResponseBytes, maxAttempts, retryBudget, firstBackoff,
        maxBackoff, minIntervals, newClock, newPause, jitter, observer);
  }

  public VastClientSettings withJitter(RandomGenerator random) {
    return new VastClientSettings(
        apiUrl, apiKey, requestTimeout, maxResponseBytes, maxAttempts, retryBudget, firstBackoff,
        maxBackoff, minIntervals, clock, pause, random, observer);
  }

  public VastClientSettings withMinIntervals(Map<String, Duration> intervals) {
    return new VastClientSettings(
        apiUrl, apiKey, requestTimeout, maxResponseBytes, maxAttempts, retryBudget, firstBackoff,
        maxBackoff, intervals, clock, pause, jitter, observer);
  }

  public VastClientSettings withObserver(VastCallObserver newObserver) {
    return new VastClientSettings(
        apiUrl, apiKey, requestTimeout, maxResponseBytes, maxAttempts, retryBudget, firstBackoff,
        maxBackoff, minIntervals, clock, pause, jitter, newObserver);
  }
}
