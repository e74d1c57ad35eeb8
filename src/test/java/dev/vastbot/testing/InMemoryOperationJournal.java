package dev.vastbot.testing;

import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.port.OperationJournal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An {@link OperationJournal} in memory, for tests of the code that uses the port. Thread-safe. */
public final class InMemoryOperationJournal implements OperationJournal {
  private final Map<Long, Operation> operations = new TreeMap<>();

  @Override
  public synchronized long startOperation(String kind, String by, String target, Instant at) {
    long id = operations.size() + 1;
    operations.put(id, new Operation(id, kind, by, target, OperationState.REQUESTED, null, at, at));
    return id;
  }

  @Override
  public synchronized void updateOperation(long id, OperationState state, String detail, Instant at) {
    Operation o = operations.get(id);
    operations.put(id, new Operation(id, o.kind(), o.requestedBy(), o.target(), state, detail,
        o.createdAt(), at));
  }

  @Override
  public synchronized boolean transitionOperation(long id, OperationState expected, OperationState next,
      String detail, Instant at) {
    Operation o = operations.get(id);
    if (o == null || o.state() != expected) {
      return false;
    }
    updateOperation(id, next, detail, at);
    return true;
  }

  @Override
  public synchronized Optional<Operation> operation(long id) {
    return Optional.ofNullable(operations.get(id));
  }

  @Override
  public synchronized List<Operation> recentOperations(int limit) {
    return operations.values().stream()
        .sorted(Comparator.comparingLong(Operation::id).reversed()).limit(limit).toList();
  }

  @Override
  public synchronized List<Operation> openOperations(String kind) {
    return operations.values().stream()
        .filter(o -> o.kind().equals(kind) && !o.state().finished()).toList();
  }
}
