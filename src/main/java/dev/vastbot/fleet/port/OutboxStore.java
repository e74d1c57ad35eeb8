package dev.vastbot.fleet.port;

import dev.vastbot.fleet.outbox.NewMessage;
import dev.vastbot.fleet.outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
/**
 * The durable queue of what the bot sends to Slack. Every method is one transaction; implementations
 * are thread-safe, and two processes on one database see one queue. Failures surface as {@link
 * dev.vastbot.fleet.StoreException}.
 */
public interface OutboxStore {

  /**
   * Queues a message and returns its id. A message with a key already queued (in any state) is not
   * queued again: its id is returned. A new edit replaces (marks SUPERSEDED) the edits of the same
   * message still pending, since it carries the whole new content.
   */
  long enqueue(NewMessage message, Instant at);

  /** The oldest pending message of each lane, by id: what may be sent next, one per lane. */
  List<OutboxMessage> laneHeads();

  /** The message queued under {@code key}, in whatever state. */
  Optional<OutboxMessage> outboxMessage(String key);

  /** Marks a message delivered, with where Slack says it went. */
  void markSent(long id, String channel, String ts, Instant at);

  /** Counts a failed attempt and puts the next one off until {@code next}. */
  void markRetry(long id, Instant next, String error);

  /** Ends a message undelivered ({@link OutboxMessage.State#FAILED} or {@link OutboxMessage.State#EXPIRED}). */
  void markUndelivered(long id, OutboxMessage.State state, String error, Instant at);

  /** How many messages wait to be sent. */
  int pendingMessages();
}
