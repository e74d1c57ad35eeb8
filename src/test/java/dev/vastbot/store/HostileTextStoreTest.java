package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.LoopTick;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.text.SafeText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a hostile host writes (NUL bytes, escapes, an unpaired surrogate, 256 KiB on one line)
 * reaches every text column of the store, and both databases take it: cleaned and capped, never
 * refused. PostgreSQL refused the raw text ("invalid byte sequence for encoding UTF8: 0x00").
 */
class HostileTextStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String HOSTILE = "\u0000\u001b[2J\u001b[32mOK: vast-9 restarted\ud800"
      + "\u0000junk".repeat(262_144 / 8);
  @TempDir static Path dir;

  static Stream<String> stores() {
    return Stream.of(JdbcFleetStore.defaultUrl(dir), LocalPostgres.freshSchemaUrl());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void everyTextColumn_acceptsHostileText_cleanedAndCapped(String url) {
    try (JdbcFleetStore store = JdbcFleetStore.open(url)) {
      for (int i = 0; i < 3; i++) {
        store.appendAudit(new AuditEntry(T0, "loop:keepalive", "restart-workers", "vast-7", "failed: exit 1: " + HOSTILE));
      }
      long op = store.startOperation("replace", "loop:keepalive", "vast-7", T0);
      store.updateOperation(op, OperationState.AWAITING_APPROVAL, HOSTILE, T0);
      store.recordLoopTick(new LoopTick("health", T0, T0, false, "IllegalStateException: " + HOSTILE));
      store.recordHealthCheck(7, false, HOSTILE, T0);
      store.recordObservation(List.of(new Instance(7, HOSTILE, HOSTILE, 1, InstanceState.RUNNING, HOSTILE,
          "running", "running", "running", HOSTILE, 0.3, 0.01, 10, false, null, null, null)), T0);

      List<AuditEntry> audit = store.recentAudit(3);
      assertEquals(3, audit.size());
      for (AuditEntry entry : audit) {
        assertClean(entry.outcome(), SafeText.AUDIT_DETAIL_CHARS);
        assertTrue(entry.outcome().startsWith("failed: exit 1: \\x00\u001b[2J"), entry.outcome().substring(0, 40));
      }
      assertClean(store.operation(op).orElseThrow().detail(), SafeText.AUDIT_DETAIL_CHARS);
      assertClean(store.lastLoopTick("health").orElseThrow().outcome(), SafeText.AUDIT_DETAIL_CHARS);
    }
  }

  private static void assertClean(String text, int cap) {
    assertFalse(text.contains("\u0000"), "no NUL");
    assertTrue(text.length() <= cap + 40, "capped: " + text.length());
    assertTrue(text.chars().noneMatch(c -> Character.isSurrogate((char) c)), "no unpaired surrogate");
  }
}
