package dev.vastbot.service.work;

import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.service.provision.InstanceWaiter;
import dev.vastbot.service.provision.Provisioner;
import java.util.Objects;

/**
 * How the keepalive brings a stopped instance back: the provider that starts it (and stops it on a
 * person's word), the waiter that follows a start until the instance runs, and the preparation that
 * makes it useful again (workers, P2P) as after a provision.
 *
 * @param provider the account's instances; never null
 * @param waiter follows started instances until they run or the restart timeout passes; never null
 * @param preparation run on an instance that runs again; {@link Provisioner.InstancePreparation#NONE}
 *     when its own start-up is enough; never null
 */
public record InstanceRestarts(GpuProvider provider, InstanceWaiter waiter,
    Provisioner.InstancePreparation preparation) {
  public InstanceRestarts {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(waiter, "waiter");
    Objects.requireNonNull(preparation, "preparation");
  }

  /** Restarts that prepare nothing after a start (the instance's own start-up does). */
  public static InstanceRestarts unprepared(GpuProvider provider, InstanceWaiter waiter) {
    return new InstanceRestarts(provider, waiter, Provisioner.InstancePreparation.NONE);
  }
}
