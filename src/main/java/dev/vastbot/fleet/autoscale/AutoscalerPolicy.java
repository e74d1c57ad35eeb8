package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The whole autoscaler policy: the time zone every window and budget period is read in, how often
 * it decides, the budget across all groups together, and the groups.
 *
 * @param zone the zone of days, months, hours and windows
 * @param tickInterval how often each group is decided
 * @param totalBudget caps on all groups' spend together
 * @param reaction how often the demand is read between ticks, and the boot time growth is projected
 *     over
 */
public record AutoscalerPolicy(
    ZoneId zone, Duration tickInterval, Budget totalBudget, List<GroupPolicy> groups, Reaction reaction) {

  /** With the default reaction (the demand read every minute). */
  public AutoscalerPolicy(ZoneId zone, Duration tickInterval, Budget totalBudget, List<GroupPolicy> groups) {
    this(zone, tickInterval, totalBudget, groups, Reaction.DEFAULT);
  }

  public AutoscalerPolicy {
    requireNonNull(zone, "zone == null");
    requireNonNull(tickInterval, "tickInterval == null");
    requireNonNull(totalBudget, "totalBudget == null");
    requireNonNull(reaction, "reaction == null");
    groups = List.copyOf(groups);
    var names = new HashSet<String>();
    for (var group : groups) {
      if (!names.add(group.name())) {
        throw new IllegalArgumentException("two groups named " + group.name());
      }
    }
  }

  /** The group called {@code name}. */
  public Optional<GroupPolicy> group(String name) {
    return groups.stream().filter(group -> group.name().equals(name)).findFirst();
  }
}
