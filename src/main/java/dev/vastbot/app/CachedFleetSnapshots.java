package dev.vastbot.app;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.vastbot.fleet.Account;
import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.port.ListingObserver;
import dev.vastbot.fleet.text.SafeText;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FleetSnapshots} held in a Caffeine cache of one entry whose ticker is the injected clock:
 * {@code refreshAfterWrite(bound)} hands readers the snapshot they have at once and lists again in
 * the background on {@code executor}; a background list that fails keeps the old snapshot, marked
 * stale with the reason. An update made while a background list runs wins over that list's result
 * (Caffeine drops a refresh whose entry changed meanwhile), so a list started before a change
 * never undoes it. Every full list, wherever it was asked for, is recorded in the store and told to
 * one {@link ListingObserver} (the spend ledger's upkeep). Thread-safe. Holds only what can be
 * re-read from Vast.
 */
public final class CachedFleetSnapshots implements FleetSnapshots {
  private static final Logger log = LoggerFactory.getLogger(CachedFleetSnapshots.class);
  private static final String FLEET = "fleet";
  private static final int MAX_REASON_CHARS = 300;
  private final GpuProvider provider;
  private final FleetStore store;
  private final Clock clock;
  private final ListingObserver listed;
  private final LoadingCache<String, FleetSnapshot> cache;

  /** Snapshots whose lists nobody else is told of. */
  public CachedFleetSnapshots(GpuProvider provider, FleetStore store, Clock clock, Duration refreshAfter,
      Executor executor) {
    this(provider, store, clock, refreshAfter, executor, ListingObserver.NONE);
  }

  /**
   * @param provider the provider itself (not a {@link SnapshotKeepingProvider} around it)
   * @param refreshAfter how old a snapshot may get before a read starts a background list
   * @param listed told of every full list, on the thread that took it (the caller's, or {@code
   *     executor}'s for a background list), after the store recorded it
   */
  public CachedFleetSnapshots(GpuProvider provider, FleetStore store, Clock clock, Duration refreshAfter,
      Executor executor, ListingObserver listed) {
    this.provider = provider;
    this.store = store;
    this.clock = clock;
    this.listed = java.util.Objects.requireNonNull(listed, "listed == null");
    this.cache = Caffeine.newBuilder()
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .executor(executor)
        .refreshAfterWrite(refreshAfter)
        .build(new CacheLoader<String, FleetSnapshot>() {
          @Override
          public FleetSnapshot load(String key) {
            return list();
          }

          @Override
          public FleetSnapshot reload(String key, FleetSnapshot old) {
            try {
              return list();
            } catch (RuntimeException failure) {
              log.warn("fleet list failed; keeping the snapshot of "
                  + old.takenAt() + ": " + reason(failure));
              return old.markedStale(reason(failure));
            }
          }
        });
  }

  @Override
  public FleetSnapshot current() {
    return cache.get(FLEET);
  }

  @Override
  public FleetSnapshot refresh() {
    try {
      FleetSnapshot fresh = list();
      cache.put(FLEET, fresh);
      return fresh;
    } catch (RuntimeException failure) {
      cache.asMap().computeIfPresent(FLEET, (key, old) -> old.markedStale(reason(failure)));
      throw failure;
    }
  }

  @Override
  public Optional<Instance> reread(long id) {
    Optional<Instance> now = provider.findInstance(id);
    now.ifPresentOrElse(this::put, () -> remove(id));
    return now;
  }

  /** The cached snapshot, quietly: neither a first list nor a background refresh starts. */
  @Override
  public Optional<FleetSnapshot> peek() {
    return Optional.ofNullable(cache.policy().getIfPresentQuietly(FLEET));
  }

  /** Puts what Vast just said of one instance into the snapshot (when there is one). */
  void put(Instance instance) {
    cache.asMap().computeIfPresent(FLEET, (key, snapshot) -> snapshot.with(instance));
  }

  /** Takes an instance Vast says is gone out of the snapshot. */
  void remove(long id) {
    cache.asMap().computeIfPresent(FLEET, (key, snapshot) -> snapshot.without(id));
  }

  private FleetSnapshot list() {
    List<Instance> instances = provider.listInstances();
    var takenAt = clock.instant();
    store.recordObservation(instances, takenAt);
    listed.listed(instances, takenAt);
    return FleetSnapshot.of(instances, account(), takenAt);
  }

  private Optional<Account> account() {
    try {
      return Optional.of(provider.currentAccount());
    } catch (RuntimeException unavailable) {
      return Optional.empty();
    }
  }

  private static String reason(RuntimeException failure) {
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return SafeText.forTerminalCell(message, MAX_REASON_CHARS);
  }
}
