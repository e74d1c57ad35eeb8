package dev.vastbot.fleet;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The set-ups one provision or restart began, kept in the store ({@link FleetStore#startSetup}) so
 * that every process sees the instances as starting until each one's set-up ends. Closing ends
 * whatever is still open (the rent or restart stopped on a failure or an interrupt) with the
 * outcome "stopped before it finished"; a set-up the bot never ends (the process was killed) is
 * left to the health sweep's deadline. Confined to the thread that provisions or restarts.
 */
public final class SetupSpans implements AutoCloseable {
  static final String STOPPED = "stopped before it finished";
  private final FleetStore store;
  private final Clock clock;
  private final String kind;
  private final Set<Long> open = new LinkedHashSet<>();

  /** @param kind {@link OpenSetup#PROVISION} or {@link OpenSetup#RESTART} */
  public SetupSpans(FleetStore store, Clock clock, String kind) {
    this.store = store;
    this.clock = clock;
    this.kind = kind;
  }

  /** Records that the instance's set-up began now. */
  public void begin(long instanceId) {
    store.startSetup(instanceId, kind, clock.instant());
    open.add(instanceId);
  }

  /** Records that the instance's set-up ended now ("done", "not running", ...); nothing when it was not begun here. */
  public void end(long instanceId, String outcome) {
    if (open.remove(instanceId)) {
      store.endSetup(instanceId, outcome, clock.instant());
    }
  }

  /** Ends every set-up begun here and not ended yet. */
  @Override
  public void close() {
    for (long instanceId : Set.copyOf(open)) {
      end(instanceId, STOPPED);
    }
  }
}
