package dev.vastbot.service.autoscale;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.port.DemandReader;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.HealthCheck;

/**
 * What the autoscaler observes the fleet through, besides the store and the provider's offers.
 *
 * @param fleet the shared fleet snapshot (the health loop keeps it fresh)
 * @param demand each group's demand signal
 * @param health checks the new instances of replacements at once (the health loop's probe), so that
 *     an old instance can go in the tick that rents its replacement
 */
public record FleetSight(FleetSnapshots fleet, DemandReader demand, HealthCheck health) {
  public FleetSight {
    requireNonNull(fleet, "fleet == null");
    requireNonNull(demand, "demand == null");
    requireNonNull(health, "health == null");
  }
}
