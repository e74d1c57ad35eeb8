package dev.vastbot.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Vast's rate limit: a minimum interval between two accepted requests of one key to one endpoint
 * template, timed by the marketplace clock. A breach answers 429 with, chosen by a seeded random,
 * either plain text {@code API requests too frequent} or {@code {"detail":"API requests too
 * frequent endpoint threshold=X"}}; never a {@code Retry-After} header (VAST_API §1.4).
 * Thread-safe.
 */
final class RateLimiter {
  private static final Duration STORM_THRESHOLD = Duration.ofSeconds(1);

  private final Clock clock;
  private final SimSettings settings;
  private final Random random;
  private final Map<String, Instant> lastAccepted = new HashMap<>();

  RateLimiter(Clock clock, SimSettings settings) {
    this.clock = clock;
    this.settings = settings;
    this.random = new Random(settings.seed() + 1);
  }

  /** Records the request, or returns the 429 answer when it came too soon after the last one. */
  synchronized Optional<SimResponse> admit(String identity, String routeKey) {
    Duration interval = settings.minIntervals().get(routeKey);
    if (!settings.rateLimitEnabled() || interval == null || interval.isZero()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String bucket = identity + " " + routeKey;
    Instant last = lastAccepted.get(bucket);
    if (last != null && now.isBefore(last.plus(interval))) {
      return Optional.of(tooFrequent(interval));
    }
    lastAccepted.put(bucket, now);
    return Optional.empty();
  }

  /** A 429 for a forced rate-limit storm, with the endpoint's threshold when it has one. */
  synchronized SimResponse storm(String routeKey) {
    return tooFrequent(settings.minIntervals().getOrDefault(routeKey, STORM_THRESHOLD));
  }

  private SimResponse tooFrequent(Duration threshold) {
    if (random.nextBoolean()) {
      return SimResponse.text(429, "API requests too frequent");
    }
    var body = JsonNodeFactory.instance.objectNode();
    body.put(
        "detail", "API requests too frequent endpoint threshold=" + threshold.toMillis() / 1000.0);
    return SimResponse.json(429, body);
  }
}
