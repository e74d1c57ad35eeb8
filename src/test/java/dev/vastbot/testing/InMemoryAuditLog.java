package dev.vastbot.testing;

import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.port.AuditLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An {@link AuditLog} in memory, for tests of the code that uses the port. Thread-safe. */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditEntry> audit = new ArrayList<>();

  @Override
  public synchronized void appendAudit(AuditEntry entry) {
    audit.add(entry);
  }

  @Override
  public synchronized List<AuditEntry> recentAudit(int limit) {
    List<AuditEntry> newest = new ArrayList<>(audit);
    Collections.reverse(newest);
    return newest.stream().limit(limit).toList();
  }
}
