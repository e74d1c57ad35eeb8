package dev.vastbot.service.pool;

import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.port.OperationJournal;
import dev.vastbot.service.work.Keepalive;
import java.time.Instant;

/**
 * A warm pool member is held stopped the way a person's {@code /vast stop} holds an instance (an
 * open {@link Keepalive#HOLD} in the journal), so the keepalive does not start it again and the
 * lifecycle alerts do not report it; the hold ends when it leaves the pool. Stateless.
 */
public final class PoolHolds {
  /** Who holds pool members, in the journal. */
  public static final String HOLDER = "policy:warm_pool";

  private PoolHolds() {}

  /** Holds the instance stopped unless something holds it already. */
  public static void hold(OperationJournal store, long instanceId, Instant at) {
    String target = "vast-" + instanceId;
    if (store.openOperations(Keepalive.HOLD).stream().anyMatch(o -> o.target().equals(target))) {
      return;
    }
    long hold = store.startOperation(Keepalive.HOLD, HOLDER, target, at);
    store.updateOperation(hold, OperationState.RUNNING, "stopped in the warm pool; keepalive leaves it", at);
  }

  /** Ends the warm pool's hold on the instance (it runs again, or is gone); a person's hold stays. */
  public static void release(OperationJournal store, long instanceId, Instant at) {
    for (Operation hold : store.openOperations(Keepalive.HOLD)) {
      if (hold.target().equals("vast-" + instanceId) && hold.requestedBy().equals(HOLDER)) {
        store.updateOperation(hold.id(), OperationState.SUCCEEDED, "left the warm pool", at);
      }
    }
  }
}
