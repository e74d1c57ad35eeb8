package dev.vastbot.vast;

import java.time.Duration;

/**
 * Told of every attempt the client makes at a Vast request: one HTTP exchange, pacing waits and
 * backoff excluded, so a call retried after a 429 reports each attempt. Implementations are
 * thread-safe, quick, and should not throw (the client catches and drops what they throw).
 */
@FunctionalInterface
public interface VastCallObserver {
  /** Observes nothing. */
  VastCallObserver NONE = (endpoint, outcome, took) -> {};

  /** The outcome of a successful attempt. */
  String OK = "ok";

  /** The outcome of an attempt that failed otherwise than with a {@code ProviderException}. */
  String ERROR = "error";

  /**
   * @param endpoint the method and path template ("GET /instances/{id}/"), never an id or a secret
   * @param outcome {@link #OK}, the lower-case name of the attempt's {@code
   *     ProviderException.Reason} ("rate_limited", "unavailable", "timeout", ...), or {@link
   *     #ERROR}
   * @param took how long the attempt took on the client's clock
   */
  void called(String endpoint, String outcome, Duration took);
}
