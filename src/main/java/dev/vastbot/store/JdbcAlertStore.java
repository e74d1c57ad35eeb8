package dev.vastbot.store;

import dev.vastbot.fleet.AlertThread;
import dev.vastbot.fleet.port.AlertStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link AlertStore} on the store's database ({@code alert_threads}).
 *
 * <p>Thread-safe; each method is one transaction on the database's connections (see {@link
 * StoreDatabase}). Failures surface as {@link dev.vastbot.fleet.StoreException} saying what
 * could not be done.
 */
public final class JdbcAlertStore implements AlertStore {
  private final SerializedConnection connection;
  private final AlertTables alerts = new AlertTables();

  /** The part on {@code database}, which whoever opened it closes: the part holds nothing of its own. */
  public JdbcAlertStore(StoreDatabase database) {
    this.connection = database.writes();
  }

  @Override
  public boolean openAlertThread(AlertThread thread) {
    Objects.requireNonNull(thread, "thread");
    return connection.inTransaction("open incident " + thread.incident(), c -> alerts.open(c, thread));
  }

  @Override
  public Optional<AlertThread> alertThread(String incident) {
    return connection.inTransaction("read an incident", c -> alerts.byIncident(c, incident));
  }

  @Override
  public List<AlertThread> openAlertThreads() {
    return connection.inTransaction("read the open incidents", alerts::open);
  }

  @Override
  public void markAlertMentioned(String incident, Instant at) {
    connection.inTransaction("record a mention of incident " + incident, c -> {
      alerts.markMentioned(c, incident, at);
      return null;
    });
  }

  @Override
  public boolean resolveAlertThread(String incident, Instant at) {
    return connection.inTransaction("resolve incident " + incident, c -> alerts.resolve(c, incident, at));
  }
}
