package dev.vastbot.fleet.port;

import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.ProviderException;
import java.util.List;
import java.util.Optional;
/**
 * The one fleet snapshot that the loops and the commands share, so that a command never waits for
 * a full list (at about one page of 25 a second, 40 s for 1,000 instances). Implementations are
 * thread-safe.
 *
 * <p>Readers take {@link #current()}; the health loop lists ({@link #refresh()}); whatever is
 * about to act on an instance re-reads it first ({@link #reread(long)}) and acts on what it sees
 * now.
 */
public interface FleetSnapshots {

  /**
   * The snapshot now, at once: when it is older than the configured bound a refresh starts in the
   * background and this returns the old one, with its age. Only the very first call of a process
   * waits for a list.
   *
   * @throws ProviderException when there is no snapshot yet and the first list failed
   */
  FleetSnapshot current();

  /**
   * Lists the fleet now and replaces the snapshot (and the store's view of the instances, once
   * per refresh). On failure the last good snapshot stays, marked stale with the reason, and the
   * failure is thrown.
   */
  FleetSnapshot refresh();

  /**
   * Reads one instance now ({@code GET /instances/{id}/}) and puts what Vast says into the
   * snapshot: updated, or removed when Vast says it is gone.
   */
  Optional<Instance> reread(long id);

  /**
   * The snapshot there is now, if any, without listing and without starting a refresh: for
   * readers that must not cause a call to Vast (metrics). Empty before the first list, and from a
   * source that keeps no snapshot.
   */
  default Optional<FleetSnapshot> peek() {
    return Optional.empty();
  }

  /** A source without a cache: every read lists (tests and one-shot tools). */
  static FleetSnapshots uncached(GpuProvider provider, java.time.Clock clock) {
    return new FleetSnapshots() {
      @Override
      public FleetSnapshot current() {
        return refresh();
      }

      @Override
      public FleetSnapshot refresh() {
        List<Instance> instances = provider.listInstances();
        return FleetSnapshot.of(instances, Optional.empty(), clock.instant());
      }

      @Override
      public Optional<Instance> reread(long id) {
        return provider.findInstance(id);
      }
    };
  }
}
