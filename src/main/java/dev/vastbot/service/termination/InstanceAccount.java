package dev.vastbot.service.termination;

import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.port.Pause;
import dev.vastbot.service.provision.InstanceWaiter;
import java.util.Objects;

/**
 * The instance on the account, as a termination acts on it: the provider that starts, stops and
 * destroys it, the fleet it is re-read from before each step, and how to wait for it (the waiter
 * that follows a start to running, the pause between reads while a stop or a destroy lands).
 *
 * @param provider the account's instances; never null
 * @param fleet re-reads one instance as the account lists it now; never null
 * @param waiter follows started instances until they run; never null
 * @param pause waits between reads of the account; never null
 */
public record InstanceAccount(GpuProvider provider, FleetSnapshots fleet, InstanceWaiter waiter, Pause pause) {
  public InstanceAccount {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(waiter, "waiter");
    Objects.requireNonNull(pause, "pause");
  }
}
