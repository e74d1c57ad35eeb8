package dev.vastbot.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * An incident people were told of, and the Slack thread it is told in: its own, or a summary's
 * shared with the other incidents that began in the same pass.
 *
 * @param threadKey the outbox key of the thread's first message
 * @param resolvedAt null while the incident is open
 * @param lastMentionedAt when people last heard of it (opened, or mentioned again since)
 */
public record AlertThread(String incident, String threadKey, Instant openedAt, Instant resolvedAt,
    Instant lastMentionedAt) {

  public AlertThread {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(threadKey, "threadKey");
    Objects.requireNonNull(openedAt, "openedAt");
  }

  public boolean open() {
    return resolvedAt == null;
  }
}
