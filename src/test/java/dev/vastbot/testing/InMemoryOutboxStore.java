package dev.vastbot.testing;

import dev.vastbot.fleet.outbox.NewMessage;
import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.fleet.port.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link OutboxStore} in memory, for tests of the code that uses the port. Thread-safe. */
public final class InMemoryOutboxStore implements OutboxStore {
  private final List<OutboxMessage> outbox = new ArrayList<>();

  @Override
  public synchronized long enqueue(NewMessage message, Instant at) {
    if (message.key() != null) {
      Optional<OutboxMessage> queued = outboxMessage(message.key());
      if (queued.isPresent()) {
        return queued.get().id();
      }
    }
    if (message.kind() == OutboxMessage.Kind.UPDATE) {
      outbox.replaceAll(m -> m.state() == OutboxMessage.State.PENDING && m.kind() == OutboxMessage.Kind.UPDATE
          && message.parentKey().equals(m.parentKey()) ? with(m, OutboxMessage.State.SUPERSEDED, m.attempts(),
          m.nextAttemptAt(), m.lastError(), null, null) : m);
    }
    long id = outbox.size() + 1;
    outbox.add(new OutboxMessage(id, message.lane(), message.kind(), message.key(), message.parentKey(),
        message.payload(), message.file(), at, message.deadline(), OutboxMessage.State.PENDING, 0, at, null, null,
        null));
    return id;
  }

  @Override
  public synchronized List<OutboxMessage> laneHeads() {
    Map<String, OutboxMessage> heads = new LinkedHashMap<>();
    outbox.stream().filter(m -> m.state() == OutboxMessage.State.PENDING).forEach(m -> heads.putIfAbsent(m.lane(), m));
    return List.copyOf(heads.values());
  }

  @Override
  public synchronized Optional<OutboxMessage> outboxMessage(String key) {
    return outbox.stream().filter(m -> key.equals(m.key())).findFirst();
  }

  @Override
  public synchronized void markSent(long id, String channel, String ts, Instant at) {
    OutboxMessage m = outbox.get((int) id - 1);
    outbox.set((int) id - 1, with(m, OutboxMessage.State.SENT, m.attempts() + 1, m.nextAttemptAt(), null, channel,
        ts));
  }

  @Override
  public synchronized void markRetry(long id, Instant next, String error) {
    OutboxMessage m = outbox.get((int) id - 1);
    if (m.state() == OutboxMessage.State.PENDING) {
      outbox.set((int) id - 1, with(m, m.state(), m.attempts() + 1, next, error, null, null));
    }
  }

  @Override
  public synchronized void markUndelivered(long id, OutboxMessage.State state, String error, Instant at) {
    OutboxMessage m = outbox.get((int) id - 1);
    if (m.state() == OutboxMessage.State.PENDING) {
      outbox.set((int) id - 1, with(m, state, m.attempts(), m.nextAttemptAt(), error, null, null));
    }
  }

  @Override
  public synchronized int pendingMessages() {
    return (int) outbox.stream().filter(m -> m.state() == OutboxMessage.State.PENDING).count();
  }

  /** Every message queued, in order. */
  public synchronized List<OutboxMessage> messages() {
    return List.copyOf(outbox);
  }

  private static OutboxMessage with(OutboxMessage m, OutboxMessage.State state, int attempts, Instant next,
      String error, String channel, String ts) {
    return new OutboxMessage(m.id(), m.lane(), m.kind(), m.key(), m.parentKey(), m.payload(), m.file(),
        m.createdAt(), m.deadline(), state, attempts, next, error, channel, ts);
  }
}
