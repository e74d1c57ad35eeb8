package dev.vastbot.store;

import dev.vastbot.fleet.outbox.NewMessage;
import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.fleet.port.OutboxStore;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link OutboxStore} on the store's database ({@code outbox}): one queue for every process
 * on it.
 *
 * <p>Thread-safe; each method is one transaction on the database's connections (see {@link
 * StoreDatabase}). Failures surface as {@link dev.vastbot.fleet.StoreException} saying what
 * could not be done.
 */
public final class JdbcOutboxStore implements OutboxStore {
  private final SerializedConnection connection;
  private final OutboxTable outbox = new OutboxTable();

  /** The part on {@code database}, which whoever opened it closes: the part holds nothing of its own. */
  public JdbcOutboxStore(StoreDatabase database) {
    this.connection = database.writes();
  }

  @Override
  public long enqueue(NewMessage message, Instant at) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
    return connection.inTransaction("queue a Slack " + message.kind().name().toLowerCase(Locale.ROOT),
        c -> outbox.enqueue(c, message, at));
  }

  @Override
  public List<OutboxMessage> laneHeads() {
    return connection.inTransaction("read the Slack outbox", outbox::laneHeads);
  }

  @Override
  public Optional<OutboxMessage> outboxMessage(String key) {
    Objects.requireNonNull(key, "key");
    return connection.inTransaction("read a Slack message", c -> outbox.byKey(c, key));
  }

  @Override
  public void markSent(long id, String channel, String ts, Instant at) {
    connection.inTransaction("mark Slack message " + id + " sent", c -> {
      outbox.markSent(c, id, channel, ts, at);
      return null;
    });
  }

  @Override
  public void markRetry(long id, Instant next, String error) {
    connection.inTransaction("put Slack message " + id + " off", c -> {
      outbox.markRetry(c, id, next, error);
      return null;
    });
  }

  @Override
  public void markUndelivered(long id, OutboxMessage.State state, String error, Instant at) {
    connection.inTransaction("mark Slack message " + id + " " + state.name().toLowerCase(Locale.ROOT), c -> {
      outbox.markUndelivered(c, id, state, error, at);
      return null;
    });
  }

  @Override
  public int pendingMessages() {
    return connection.inTransaction("count the Slack messages waiting", outbox::pending);
  }
}
