package dev.vastbot.store;

import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.port.OperationJournal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link OperationJournal} on the store's database ({@code operations}).
 *
 * <p>Thread-safe; each method is one transaction on the database's connections (see {@link
 * StoreDatabase}). Failures surface as {@link dev.vastbot.fleet.StoreException} saying what
 * could not be done.
 */
public final class JdbcOperationJournal implements OperationJournal {
  private final SerializedConnection connection;
  private final SerializedConnection reads;
  private final OperationTable operations = new OperationTable();

  /** The part on {@code database}, which whoever opened it closes: the part holds nothing of its own. */
  public JdbcOperationJournal(StoreDatabase database) {
    this.connection = database.writes();
    this.reads = database.reads();
  }

  @Override
  public long startOperation(String kind, String requestedBy, String target, Instant at) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(at, "at");
    return connection.inTransaction(
        "start a " + kind + " operation", c -> operations.start(c, kind, requestedBy, target, at));
  }

  @Override
  public void updateOperation(long id, OperationState state, String detail, Instant at) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    connection.inTransaction(
        "update operation " + id,
        c -> {
          operations.update(c, id, state, detail, at);
          return null;
        });
  }

  @Override
  public boolean transitionOperation(long id, OperationState expected, OperationState next, String detail,
      Instant at) {
    return connection.inTransaction("move operation " + id + " to " + next,
        c -> operations.transition(c, id, expected, next, detail, at));
  }

  @Override
  public Optional<Operation> operation(long id) {
    return connection.inTransaction("read operation " + id, c -> operations.byId(c, id));
  }

  @Override
  public List<Operation> recentOperations(int limit) {
    StoreDatabase.requireNonNegative(limit);
    return reads.inTransaction(
        "read the recent operations", c -> operations.recent(c, limit));
  }

  @Override
  public List<Operation> openOperations(String kind) {
    Objects.requireNonNull(kind, "kind");
    return connection.inTransaction("read the open " + kind + " operations", c -> operations.open(c, kind));
  }
}
