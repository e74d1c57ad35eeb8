package dev.vastbot.testing;

import dev.vastbot.fleet.Replacement;
import dev.vastbot.fleet.autoscale.DemandReading;
import dev.vastbot.fleet.autoscale.PoolMember;
import dev.vastbot.fleet.port.AutoscaleStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An {@link AutoscaleStore} in memory, for tests of the code that uses the port. Thread-safe. */
public final class InMemoryAutoscaleStore implements AutoscaleStore {
  private final Map<Long, String> groups = new TreeMap<>();
  private final Map<String, Instant> scaleMarks = new TreeMap<>();
  private final Map<String, TreeMap<Instant, DemandReading>> demand = new HashMap<>();
  private final Map<Long, Replacement> replacements = new LinkedHashMap<>();
  private final Map<Long, PoolMember> pool = new TreeMap<>();

  @Override
  public synchronized String assignAutoscaleGroup(long instanceId, String group, Instant at) {
    return groups.computeIfAbsent(instanceId, id -> group);
  }

  @Override
  public synchronized Map<Long, String> autoscaleGroups() {
    return Map.copyOf(groups);
  }

  @Override
  public synchronized void markScale(String group, String kind, Instant at) {
    scaleMarks.put(group + "\0" + kind, at);
  }

  @Override
  public synchronized Optional<Instant> lastScale(String group, String kind) {
    return Optional.ofNullable(scaleMarks.get(group + "\0" + kind));
  }

  @Override
  public synchronized void recordDemand(String group, DemandReading reading, Instant keepSince) {
    TreeMap<Instant, DemandReading> readings = demand.computeIfAbsent(group, name -> new TreeMap<>());
    readings.put(reading.at(), reading);
    readings.headMap(keepSince).clear();
  }

  @Override
  public synchronized List<DemandReading> demandReadings(String group) {
    return List.copyOf(demand.getOrDefault(group, new TreeMap<>()).values());
  }

  @Override
  public synchronized void startReplacement(Replacement replacement) {
    replacements.remove(replacement.oldId());
    replacements.put(replacement.oldId(), replacement);
  }

  @Override
  public synchronized boolean recordReplacementLetGo(long oldId, Replacement.Stage stage, long operation) {
    if (stage == Replacement.Stage.TRIAL) {
      throw new IllegalArgumentException("a let-go is recorded as OLD_LEAVING or NEW_LEAVING, not TRIAL");
    }
    Replacement replacement = replacements.get(oldId);
    if (replacement == null) {
      return false;
    }
    replacements.put(oldId, replacement.leaving(stage, operation));
    return true;
  }

  @Override
  public synchronized List<Replacement> replacements() {
    return replacements.values().stream()
        .sorted(Comparator.comparing(Replacement::since).thenComparingLong(Replacement::oldId))
        .toList();
  }

  @Override
  public synchronized void endReplacement(long instanceId) {
    replacements.values().removeIf(r -> r.oldId() == instanceId || r.newId() == instanceId);
  }

  @Override
  public synchronized void addPoolMember(PoolMember member) {
    pool.put(member.instanceId(), member);
  }

  @Override
  public synchronized List<PoolMember> poolMembers() {
    return pool.values().stream()
        .sorted(Comparator.comparing(PoolMember::stoppedSince).thenComparingLong(PoolMember::instanceId))
        .toList();
  }

  @Override
  public synchronized boolean removePoolMember(long instanceId) {
    return pool.remove(instanceId) != null;
  }
}
