package dev.vastbot.fleet.port;

import dev.vastbot.fleet.AlertThread;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Incidents and the chat thread each one is told in: one open incident per name, opened once
 * across passes and replicas, mentioned again while it lasts, resolved once.
 *
 * <p>Thread-safe; each method is one transaction. Failures surface as {@link
 * dev.vastbot.fleet.StoreException}.
 */
public interface AlertStore {

  /**
   * Keeps a new incident and its thread; returns false (and keeps the existing one) when the
   * incident is open already, so that two passes cannot both open it. A resolved incident of the
   * same name is replaced.
   *
   * @throws NullPointerException when {@code thread} is null
   */
  boolean openAlertThread(AlertThread thread);

  /** The incident, open or resolved. */
  Optional<AlertThread> alertThread(String incident);

  /** Every open incident, oldest first. */
  List<AlertThread> openAlertThreads();

  /** Records that people heard of the open incident again at {@code at}. */
  void markAlertMentioned(String incident, Instant at);

  /** Marks the incident resolved; returns whether it was open. */
  boolean resolveAlertThread(String incident, Instant at);
}
