package dev.vastbot.testing;

import dev.vastbot.fleet.HealthStreak;
import dev.vastbot.fleet.LoopTick;
import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.fleet.port.HealthStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link HealthStore} in memory, for tests of the code that uses the port. Thread-safe; a sweep's
 * checks are recorded one by one (the port's default), not in one transaction.
 */
public final class InMemoryHealthStore implements HealthStore {
  private final Map<Long, HealthStreak> streaks = new TreeMap<>();
  private final Map<String, LoopTick> ticks = new TreeMap<>();
  private final Map<Long, Instant> idleSince = new TreeMap<>();
  private final Map<Long, Map.Entry<Integer, Instant>> games = new TreeMap<>();
  /** Each instance's latest set-up and, once ended, its outcome (empty while in progress). */
  private final Map<Long, Map.Entry<OpenSetup, Optional<String>>> setups = new LinkedHashMap<>();

  @Override
  public synchronized HealthStreak recordHealthCheck(long id, boolean healthy, String level, Instant at) {
    int failures = healthy ? 0
        : Optional.ofNullable(streaks.get(id)).map(HealthStreak::consecutiveFailures).orElse(0) + 1;
    HealthStreak streak = new HealthStreak(id, failures, level, at);
    streaks.put(id, streak);
    return streak;
  }

  @Override
  public synchronized Optional<HealthStreak> healthStreak(long id) {
    return Optional.ofNullable(streaks.get(id));
  }

  @Override
  public synchronized Optional<Instant> recordGpuIdle(long instanceId, boolean idle, Instant at) {
    if (!idle) {
      idleSince.remove(instanceId);
      return Optional.empty();
    }
    return Optional.of(idleSince.computeIfAbsent(instanceId, id -> at));
  }

  @Override
  public synchronized Optional<Instant> gpuIdleSince(long instanceId) {
    return Optional.ofNullable(idleSince.get(instanceId));
  }

  @Override
  public synchronized void recordGamesLastHour(long instanceId, int count, Instant at) {
    games.put(instanceId, Map.entry(count, at));
  }

  @Override
  public synchronized Optional<Integer> gamesLastHour(long instanceId, Instant since) {
    var entry = games.get(instanceId);
    return entry == null || entry.getValue().isBefore(since) ? Optional.empty() : Optional.of(entry.getKey());
  }

  @Override
  public synchronized void startSetup(long instanceId, String kind, Instant at) {
    setups.put(instanceId, Map.entry(new OpenSetup(instanceId, kind, at), Optional.empty()));
  }

  @Override
  public synchronized boolean endSetup(OpenSetup begun, String outcome, Instant at) {
    var setup = setups.get(begun.instanceId());
    if (setup == null || setup.getValue().isPresent() || !setup.getKey().kind().equals(begun.kind())
        || setup.getKey().startedAt().toEpochMilli() != begun.startedAt().toEpochMilli()) {
      return false;
    }
    setups.put(begun.instanceId(), Map.entry(setup.getKey(), Optional.of(outcome)));
    return true;
  }

  @Override
  public synchronized List<OpenSetup> openSetups() {
    return setups.values().stream().filter(s -> s.getValue().isEmpty()).map(Map.Entry::getKey)
        .sorted(Comparator.comparing(OpenSetup::startedAt).thenComparingLong(OpenSetup::instanceId))
        .toList();
  }

  @Override
  public synchronized Set<Long> overdueSetups() {
    Set<Long> ids = new TreeSet<>();
    setups.forEach((id, setup) -> {
      if (setup.getValue().equals(Optional.of(OpenSetup.OVERDUE))) {
        ids.add(id);
      }
    });
    return ids;
  }

  @Override
  public synchronized boolean clearOverdueSetup(long instanceId) {
    var setup = setups.get(instanceId);
    if (setup == null || !setup.getValue().equals(Optional.of(OpenSetup.OVERDUE))) {
      return false;
    }
    setups.put(instanceId, Map.entry(setup.getKey(), Optional.of("overdue, healthy later")));
    return true;
  }

  @Override
  public synchronized void recordLoopTick(LoopTick tick) {
    ticks.put(tick.loop(), tick);
  }

  @Override
  public synchronized Optional<LoopTick> lastLoopTick(String loop) {
    return Optional.ofNullable(ticks.get(loop));
  }
}
