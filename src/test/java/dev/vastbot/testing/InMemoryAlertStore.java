package dev.vastbot.testing;

import dev.vastbot.fleet.AlertThread;
import dev.vastbot.fleet.port.AlertStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link AlertStore} in memory, for tests of the code that uses the port. Thread-safe. */
public final class InMemoryAlertStore implements AlertStore {
  private final Map<String, AlertThread> threads = new LinkedHashMap<>();

  @Override
  public synchronized boolean openAlertThread(AlertThread thread) {
    AlertThread existing = threads.get(thread.incident());
    if (existing != null && existing.open()) {
      return false;
    }
    threads.remove(thread.incident());
    threads.put(thread.incident(), thread);
    return true;
  }

  @Override
  public synchronized Optional<AlertThread> alertThread(String incident) {
    return Optional.ofNullable(threads.get(incident));
  }

  @Override
  public synchronized List<AlertThread> openAlertThreads() {
    return threads.values().stream().filter(AlertThread::open).toList();
  }

  @Override
  public synchronized void markAlertMentioned(String incident, Instant at) {
    AlertThread existing = threads.get(incident);
    if (existing != null && existing.open()) {
      threads.put(incident, new AlertThread(incident, existing.threadKey(), existing.openedAt(), null, at));
    }
  }

  @Override
  public synchronized boolean resolveAlertThread(String incident, Instant at) {
    AlertThread existing = threads.get(incident);
    if (existing == null || !existing.open()) {
      return false;
    }
    threads.put(incident, new AlertThread(incident, existing.threadKey(), existing.openedAt(), at,
        existing.lastMentionedAt()));
    return true;
  }
}
