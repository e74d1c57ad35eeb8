package dev.vastbot.store;

import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.port.AuditLog;
import java.util.List;
import java.util.Objects;

/**
 * The {@link AuditLog} on the store's database ({@code audit_log}, whose triggers refuse updates
 * and deletes).
 *
 * <p>Thread-safe; each method is one transaction on the database's connections (see {@link
 * StoreDatabase}). Failures surface as {@link dev.vastbot.fleet.StoreException} saying what
 * could not be done.
 */
public final class JdbcAuditLog implements AuditLog {
  private final SerializedConnection connection;
  private final SerializedConnection reads;
  private final AuditTable audit = new AuditTable();

  /** The part on {@code database}, which whoever opened it closes: the part holds nothing of its own. */
  public JdbcAuditLog(StoreDatabase database) {
    this.connection = database.writes();
    this.reads = database.reads();
  }

  @Override
  public void appendAudit(AuditEntry entry) {
    Objects.requireNonNull(entry.at(), "entry.at");
    Objects.requireNonNull(entry.actor(), "entry.actor");
    Objects.requireNonNull(entry.action(), "entry.action");
    connection.inTransaction(
        "append to the audit log",
        c -> {
          audit.append(c, entry);
          return null;
        });
  }

  @Override
  public List<AuditEntry> recentAudit(int limit) {
    StoreDatabase.requireNonNegative(limit);
    return reads.inTransaction("read the audit log", c -> audit.recent(c, limit));
  }
}
