package dev.vastbot.service.provision;

import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.fleet.port.HealthStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
/**
 * The set-ups one provision or restart began, kept in the store ({@link HealthStore#startSetup}) so
 * that every process sees the instances as starting until each one's set-up ends. Closing ends
 * whatever is still open (the rent or restart stopped on a failure or an interrupt) with the
 * outcome "stopped before it finished"; a set-up the bot never ends (the process was killed) is
 * left to the health sweep's deadline. Confined to the thread that provisions or restarts.
 */
public final class SetupSpans implements AutoCloseable {
  static final String STOPPED = "stopped before it finished";
  private final HealthStore store;
  private final Clock clock;
  private final String kind;
  /** The set-ups begun here and not ended yet, by instance: each ended as begun (kind and start). */
  private final Map<Long, OpenSetup> open = new LinkedHashMap<>();

  /** @param kind {@link OpenSetup#PROVISION} or {@link OpenSetup#RESTART} */
  public SetupSpans(HealthStore store, Clock clock, String kind) {
    this.store = store;
    this.clock = clock;
    this.kind = kind;
  }

  /** Records that the instance's set-up began now. */
  public void begin(long instanceId) {
    OpenSetup setup = new OpenSetup(instanceId, kind, clock.instant());
    store.startSetup(instanceId, kind, setup.startedAt());
    open.put(instanceId, setup);
  }

  /**
   * Records that the set-up begun here for the instance ended now ("done", "not running", ...);
   * nothing when none was begun here, or when a later set-up (a restart's, after the sweep ended
   * this one as overdue) has taken its place in the store.
   */
  public void end(long instanceId, String outcome) {
    OpenSetup begun = open.remove(instanceId);
    if (begun != null) {
      store.endSetup(begun, outcome, clock.instant());
    }
  }

  /** Ends every set-up begun here and not ended yet. */
  @Override
  public void close() {
    for (long instanceId : List.copyOf(open.keySet())) {
      end(instanceId, STOPPED);
    }
  }
}
