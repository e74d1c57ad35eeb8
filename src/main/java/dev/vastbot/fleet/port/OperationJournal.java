package dev.vastbot.fleet.port;

import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The journal of operations: every provision, termination, keepalive restart or pool move the bot
 * starts, with its state and a note on its progress. Shared by the replicas on one database, so a
 * step two processes race on is decided here ({@link #transitionOperation}).
 *
 * <p>Thread-safe; each method is one transaction. Failures to read or write surface as {@link
 * dev.vastbot.fleet.StoreException}; a null argument where none is allowed as {@link
 * NullPointerException}.
 */
public interface OperationJournal {

  /** Journals a new operation in state REQUESTED and returns its id. */
  long startOperation(String kind, String requestedBy, String target, Instant at);

  /**
   * Moves an operation to a new state with a progress or failure note ({@code detail} may be null).
   *
   * @throws dev.vastbot.fleet.StoreException also when there is no operation {@code id}
   */
  void updateOperation(long id, OperationState state, String detail, Instant at);

  /**
   * Moves an operation from {@code expected} to {@code next} only if it is still in {@code
   * expected}; returns whether it moved. Two processes (or a retried step) racing on one operation
   * cannot both move it.
   */
  boolean transitionOperation(long id, OperationState expected, OperationState next, String detail, Instant at);

  Optional<Operation> operation(long id);

  /**
   * The newest operations first.
   *
   * @throws IllegalArgumentException when {@code limit} is negative
   */
  List<Operation> recentOperations(int limit);

  /** Operations of this kind that have not finished, oldest first. */
  List<Operation> openOperations(String kind);
}
