package dev.vastbot.fleet.port;

import dev.vastbot.fleet.AuditEntry;
import java.util.List;

/**
 * The append-only audit log: who did what to which target, and how it came out. Entries are never
 * updated or deleted (the database refuses it).
 *
 * <p>Thread-safe; each method is one transaction. Failures surface as {@link
 * dev.vastbot.fleet.StoreException}.
 */
public interface AuditLog {

  /**
   * Appends an entry.
   *
   * @throws NullPointerException when the entry has no time, actor or action
   */
  void appendAudit(AuditEntry entry);

  /**
   * The newest entries first.
   *
   * @throws IllegalArgumentException when {@code limit} is negative
   */
  List<AuditEntry> recentAudit(int limit);
}
