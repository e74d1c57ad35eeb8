package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

/**
 * What was spent so far by the group being decided and by all groups together.
 *
 * @param group this group's spend, checked against its own budget
 * @param total every group's spend together, checked against the all-groups budget
 */
public record SpendSoFar(Spend group, Spend total) {

  public SpendSoFar {
    requireNonNull(group, "group == null");
    requireNonNull(total, "total == null");
  }
}
