package dev.vastbot.fleet.autoscale;

import dev.vastbot.fleet.reservation.ReservationCheck;
import java.util.HashSet;
import java.util.Locale;
/**
 * The most instances a group may hold at all: the maximum of the window now on plus {@code
 * max_concurrent_replacements}, with every instance it holds counted (serving, booting, on trial,
 * the old ones of replacements, the ones held after a failed let-go, and the ones being
 * terminated). Whatever else a decision wants, it rents no more than the room under it. The
 * reservation every rent takes checks the same ceiling ({@link ReservationCheck}). Pure.
 */
final class GroupCeiling {
  private final GroupPolicy group;
  private final ActiveLimits limits;

  GroupCeiling(GroupPolicy group, ActiveLimits limits) {
    this.group = group;
    this.limits = limits;
  }

  /** The window's maximum plus the replacements' allowance. */
  int ceiling() {
    return limits.maxInstances() + group.pacing().maxConcurrentReplacements();
  }

  /**
   * Every instance {@code observed} holds: the listed ones, the ones being terminated, the new ones
   * of replacements rented after the list was taken (each listed instance once), and the ones being
   * rented on this tick that no list shows yet.
   */
  int held(GroupObservation observed) {
    var ids = new HashSet<Long>();
    observed.instances().stream().filter(GroupInstance::listed).forEach(instance -> ids.add(instance.id()));
    ids.addAll(observed.outgoing());
    observed.replacements().stream().filter(PendingReplacement::onTrial)
        .forEach(replacement -> ids.add(replacement.newId()));
    long renting = observed.instances().stream().filter(instance -> !instance.listed()).count();
    return ids.size() + (int) renting;
  }

  /** How many more instances {@code observed}'s group may rent now; 0 at or over the ceiling. */
  int room(GroupObservation observed) {
    return Math.max(0, ceiling() - held(observed));
  }

  /** Why nothing more may be rented, for people. */
  String describeFull(GroupObservation observed) {
    return String.format(Locale.ROOT, "the group holds %d instances (counting those on their way out),"
        + " at its ceiling %d: maximum %d (window %s) + max_concurrent_replacements %d", held(observed), ceiling(),
        limits.maxInstances(), limits.window(), group.pacing().maxConcurrentReplacements());
  }
}
