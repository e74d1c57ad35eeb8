package dev.vastbot.service.autoscale;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.TerminationRecord;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.PoolMember;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.service.termination.Terminator;
/**
 * Destroys warm pool members through termination, without a second copy (their copy was verified
 * before they stopped), approved as the group's scale-downs are: by the group's rule when it sets
 * {@code unattended_scale_down}, else by a person. Thread-safe as far as the store is.
 */
final class PoolRetirement {
  private final Terminator terminator;
  private final FleetStore store;

  PoolRetirement(Terminator terminator, FleetStore store) {
    this.terminator = terminator;
    this.store = store;
  }

  /** Destroys a member through termination, not copied again; approved as the group's scale-downs are. */
  String retire(GroupPolicy group, PoolMember member, Actor actor, String why) throws InterruptedException {
    try {
      var requested = terminator.request(member.instanceId(), actor, TerminationRecord.Ending.RETIRE, why);
      Operation operation = requested.operation();
      if (requested.joined()) {
        return "termination " + operation.id() + " already under way";
      }
      if (!group.unattendedScaleDown()) {
        return "termination " + operation.id() + " (no second copy) awaits approval";
      }
      var decided = terminator.approveByPolicy(operation.id(), group.name() + " unattended_scale_down");
      Operation ended = decided.counted() ? terminator.proceed(operation.id(), SyncProgress.NONE)
          : store.operation(operation.id()).orElse(operation);
      return "termination " + operation.id() + " " + ended.state().display() + " (no second copy: it was copied"
          + " and verified before it stopped)";
    } catch (InstanceUnavailableException e) {
      store.removePoolMember(member.instanceId());
      return e.getMessage();
    }
  }
}
