package dev.vastbot.fleet.health;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The health sweeps under way (the loops' and people's may overlap), each with the instances it
 * probes, how many of them have come back, and its results once recorded; what {@code /vast
 * health} reports while one runs. A sweep asked for while another is probing every one of its
 * instances joins that one instead of probing them all again (the keepalive loop's first sweep and
 * the health loop's, or ten people asking at once). Thread-safe: a sweep counts its hosts from the
 * fan-out's threads while commands read.
 */
public final class SweepsUnderWay {
  private final Set<Sweep> running = ConcurrentHashMap.newKeySet();

  /** One sweep under way; {@link #end} it when it is done, also when it fails. */
  public final class Sweep {
    private final Set<Long> instanceIds;
    private final Instant startedAt;
    private final AtomicInteger checked = new AtomicInteger();
    private final CompletableFuture<Map<Long, HostHealth>> results = new CompletableFuture<>();

    private Sweep(Set<Long> instanceIds, Instant startedAt) {
      this.instanceIds = instanceIds;
      this.startedAt = startedAt;
    }

    /** One more host has come back. */
    public void checked() {
      checked.incrementAndGet();
    }

    /** Done: its results (empty when it failed) for those who joined it. */
    public void end(List<HostHealth> found) {
      running.remove(this);
      results.complete(found.stream().collect(Collectors.toMap(h -> h.instance().id(), Function.identity(),
          (a, b) -> b)));
    }

    /** Waits for the sweep's results (bounded by its own SSH deadline and recording). */
    public Map<Long, HostHealth> results() {
      return results.join();
    }

    SweepProgress progress() {
      return new SweepProgress(Math.min(checked.get(), instanceIds.size()), instanceIds.size(), startedAt);
    }
  }

  /**
   * A sweep to join, when {@code mayJoin}: one under way that probes every one of {@code
   * instanceIds}; else a new one, under way from now.
   */
  public synchronized Joinable startOrJoin(Collection<Long> instanceIds, Instant at, boolean mayJoin) {
    Optional<Sweep> covering = running.stream().filter(s -> s.instanceIds.containsAll(instanceIds)).findFirst();
    if (mayJoin && covering.isPresent() && !instanceIds.isEmpty()) {
      return new Joinable(covering.get(), false);
    }
    Sweep sweep = new Sweep(Set.copyOf(instanceIds), at);
    running.add(sweep);
    return new Joinable(sweep, true);
  }

  /** @param mine whether the caller started it (and must run and end it) or joins it */
  public record Joinable(Sweep sweep, boolean mine) {}

  /** The sweep under way that began first. */
  public Optional<SweepProgress> first() {
    return running.stream().map(Sweep::progress).min(Comparator.comparing(SweepProgress::startedAt));
  }

  /** Whether every one of {@code instanceIds} is being probed by a sweep under way. */
  public boolean cover(Collection<Long> instanceIds) {
    return instanceIds.stream().allMatch(id -> running.stream().anyMatch(s -> s.instanceIds.contains(id)));
  }
}
