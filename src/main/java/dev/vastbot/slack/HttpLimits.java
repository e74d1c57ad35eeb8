package dev.vastbot.slack;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What {@link HttpFront} lets one request, one client and all of them take.
 *
 * @param slackWorkers threads that run verified Slack requests (parsing, Bolt, the bot's answer)
 * @param slackQueue verified Slack requests that may wait for a worker; one more is answered 503
 * @param headDeadline a request head (request line and headers) gets one to two of these
 *     ({@link ConnectionGuard}), a new connection one to send its first head
 * @param bodyDeadline a request body must be in this long after its head (else 408)
 * @param idleTimeout a connection with nothing to do (kept alive between requests) is closed then
 * @param connectionsPerClient open connections one client address may hold; more are closed on
 *     arrival (behind a reverse proxy the proxy is the one client)
 * @param maxConnections open connections in all; past it the port stops accepting until some close
 */
public record HttpLimits(int slackWorkers, int slackQueue, Duration headDeadline, Duration bodyDeadline,
    Duration idleTimeout, int connectionsPerClient, int maxConnections) {
  /**
   * {@code serve}'s: 16 workers, 1,000 queued, 5 s for a head and 5 s for a body (Slack gives up on
   * an answer after 3 s), 30 s idle, 512 connections per client (a burst of 200 commands through a
   * proxy on this machine that opens a connection for each fits twice over, beside the start-up
   * warm-up's 200 from 127.0.0.1 as they close), 2,048 in all.
   */
  public static final HttpLimits DEFAULT = new HttpLimits(16, 1_000, Duration.ofSeconds(5), Duration.ofSeconds(5),
      Duration.ofSeconds(30), 512, 2_048);

  public HttpLimits {
    requireNonNull(headDeadline, "headDeadline == null");
    requireNonNull(bodyDeadline, "bodyDeadline == null");
    requireNonNull(idleTimeout, "idleTimeout == null");
    if (slackWorkers < 1 || slackQueue < 1 || connectionsPerClient < 1 || maxConnections < connectionsPerClient) {
      throw new IllegalArgumentException("HTTP limits: at least 1 worker, 1 queued, 1 connection per client, "
          + "and maxConnections >= connectionsPerClient");
    }
    if (!positive(headDeadline) || !positive(bodyDeadline) || !positive(idleTimeout)) {
      throw new IllegalArgumentException("HTTP limits: deadlines and the idle timeout must be positive");
    }
  }

  /** These limits with {@code workers} Slack workers. */
  public HttpLimits withSlackWorkers(int workers) {
    return new HttpLimits(workers, slackQueue, headDeadline, bodyDeadline, idleTimeout, connectionsPerClient,
        maxConnections);
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }
}
