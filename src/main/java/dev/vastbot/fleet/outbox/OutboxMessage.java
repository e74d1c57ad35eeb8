package dev.vastbot.fleet.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One message the bot sends to Slack, kept in the store from before it is sent until it was
 * delivered or given up: a post, a reply in a thread, an edit, a file upload, or a command's
 * answer through its response URL. Messages of one lane (a channel, or one response URL) are sent
 * in the order they were queued.
 *
 * @param id the queue order
 * @param lane where it goes and what it waits behind: a channel id, or {@code respond:<id>}
 * @param key names the message so another one can refer to it (a reply's thread, an edit's
 *     target) and so queueing it twice queues it once; null when nothing refers to it
 * @param parentKey a reply's thread or an edit's message (its key); null for a post or an upload
 * @param payload what to send, as the sender reads it (JSON text)
 * @param file an upload's bytes; null otherwise
 * @param deadline when it is given up if not delivered
 * @param nextAttemptAt not sent before this (a 429's Retry-After, a backoff)
 * @param channel where Slack says it went (a channel id); null until sent
 * @param ts the message's ts from Slack; null until sent (and for an answer or an upload)
 */
public record OutboxMessage(long id, String lane, Kind kind, String key, String parentKey, String payload,
    byte[] file, Instant createdAt, Instant deadline, State state, int attempts, Instant nextAttemptAt,
    String lastError, String channel, String ts) {

  /** What kind of call sends it. */
  public enum Kind {
    POST,
    REPLY,
    UPDATE,
    UPLOAD,
    RESPOND
  }

  /** Where it is in its life. */
  public enum State {
    PENDING,
    SENT,
    /** Slack refused it for good, or its thread's first message never went out. */
    FAILED,
    /** Not delivered by its deadline. */
    EXPIRED,
    /** An edit that a later edit of the same message replaced before it was sent. */
    SUPERSEDED;

    public boolean finished() {
      return this != PENDING;
    }
  }

  public OutboxMessage {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }

  /** Whether it was delivered. */
  public boolean sent() {
    return state == State.SENT;
  }
}
