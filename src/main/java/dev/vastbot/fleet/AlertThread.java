package dev.vastbot.fleet;

import java.time.Instant;

/**
 * The Slack thread of one incident: its parent message, and whether the incident cleared.
 *
 * @param resolvedAt null while the incident is open
 */
public record AlertThread(String incident, String channel, String ts, Instant openedAt, Instant resolvedAt) {
  public boolean open() {
    return resolvedAt == null;
  }
}
