package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.Operation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers from several threads, through one store and through two stores on one file. */
class StoreConcurrencyTest {
  private static final int THREADS = 4;
  private static final int WRITES_PER_THREAD = 40;
  private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir Path dir;

  @Test
  void threadsSharingOneStoreLoseNoRows() throws Exception {
    try (JdbcFleetStore store = JdbcFleetStore.open(JdbcFleetStore.defaultUrl(dir))) {
      runConcurrently(thread -> writeRows(store, thread));

      assertAllRowsPresent(store);
    }
  }

  @Test
  void twoStoresOnOneFileLoseNoRows() throws Exception {
    String url = JdbcFleetStore.defaultUrl(dir);
    try (JdbcFleetStore first = JdbcFleetStore.open(url);
        JdbcFleetStore second = JdbcFleetStore.open(url)) {
      runConcurrently(thread -> writeRows(thread % 2 == 0 ? first : second, thread));

      assertAllRowsPresent(first);
    }
  }

  private interface Writer {
    void write(int thread) throws Exception;
  }

  private static void writeRows(JdbcFleetStore store, int thread) {
    for (int i = 0; i < WRITES_PER_THREAD; i++) {
      String target = thread + "/" + i;
      store.appendAudit(new AuditEntry(AT, "thread-" + thread, "write", target, "ok"));
      long id = store.startOperation("provision", "thread-" + thread, target, AT);
      store.updateOperation(id, dev.vastbot.fleet.OperationState.SUCCEEDED, "done", AT);
    }
  }

  /** Starts every writer at once and waits, bounded, for all of them; rethrows a failure. */
  private static void runConcurrently(Writer writer) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int thread = 0; thread < THREADS; thread++) {
        int id = thread;
        done.add(pool.submit(() -> {
          start.await();
          writer.write(id);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(20, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertAllRowsPresent(JdbcFleetStore store) {
    int expected = THREADS * WRITES_PER_THREAD;
    List<AuditEntry> audit = store.recentAudit(expected + 10);
    List<Operation> operations = store.recentOperations(expected + 10);

    assertEquals(expected, new HashSet<>(audit.stream().map(AuditEntry::target).toList()).size());
    assertEquals(expected, audit.size());
    assertEquals(expected, operations.size());
    assertEquals(expected, operations.stream().map(Operation::id).distinct().count());
    assertEquals(expected,
        operations.stream().filter(o -> o.state().finished() && "done".equals(o.detail())).count());
  }
}
