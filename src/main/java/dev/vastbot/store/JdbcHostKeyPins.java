package dev.vastbot.store;

import dev.vastbot.fleet.port.HostKeyPins;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@link HostKeyPins} on the store's database.
 *
 * <p>Thread-safe; each method is one transaction on the database's connections (see {@link
 * StoreDatabase}). Failures surface as {@link dev.vastbot.fleet.StoreException} saying what
 * could not be done.
 */
public final class JdbcHostKeyPins implements HostKeyPins {
  private final SerializedConnection connection;
  private final RemoteStateTables remote = new RemoteStateTables();

  /** The part on {@code database}, which whoever opened it closes: the part holds nothing of its own. */
  public JdbcHostKeyPins(StoreDatabase database) {
    this.connection = database.writes();
  }

  @Override
  public Optional<String> pinnedKey(long instanceId) {
    return connection.inTransaction("read the host key pin of instance " + instanceId,
        c -> remote.pinnedKey(c, instanceId));
  }

  @Override
  public void pin(long instanceId, String publicKey, Instant at) {
    connection.inTransaction("pin the host key of instance " + instanceId, c -> {
      remote.pin(c, instanceId, publicKey, at);
      return null;
    });
  }

  @Override
  public void unpin(long instanceId) {
    connection.inTransaction("unpin the host key of instance " + instanceId, c -> {
      remote.unpin(c, instanceId);
      return null;
    });
  }
}
