package dev.vastbot.service.autoscale;

import static java.util.Objects.requireNonNull;

import dev.vastbot.service.provision.Provisioner;
import dev.vastbot.service.termination.Terminator;
import java.util.Optional;

/**
 * The services the autoscaler acts on the fleet through.
 *
 * @param provisioner rents (every rent under a reservation) and asks for approval of rents
 * @param terminator ends instances on its safe path (copied, verified, approved)
 * @param pool what parks, restarts and tends the groups' warm pools; empty: no group keeps one (a
 *     scale-down destroys)
 */
public record FleetHands(Provisioner provisioner, Terminator terminator, Optional<WarmPoolActions> pool) {
  public FleetHands {
    requireNonNull(provisioner, "provisioner == null");
    requireNonNull(terminator, "terminator == null");
    requireNonNull(pool, "pool == null");
  }
}
