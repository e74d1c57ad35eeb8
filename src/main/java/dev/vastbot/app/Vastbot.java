package dev.vastbot.app;

import dev.vastbot.fleet.FleetStore;
import dev.vastbot.fleet.GpuProvider;
import dev.vastbot.fleet.InstanceWaiter;
import dev.vastbot.fleet.Pause;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.Provisioner;
import dev.vastbot.fleet.command.CommandRouter;
import dev.vastbot.fleet.command.ListCommand;
import dev.vastbot.fleet.command.OffersCommand;
import dev.vastbot.fleet.command.ProvisionCommand;
import dev.vastbot.fleet.command.StatusCommand;
import java.time.Clock;
import java.util.List;

/**
 * The composition root: builds every service once from the adapters it is given, and owns the
 * store's lifetime. Console, CLI and (later) Slack all talk to the same router.
 */
public final class Vastbot implements AutoCloseable {
  private final GpuProvider provider;
  private final FleetStore store;
  private final Provisioner provisioner;
  private final CommandRouter router;

  public Vastbot(GpuProvider provider, FleetStore store, ProvisionPolicy policy, Clock clock, Pause pause) {
    this.provider = provider;
    this.store = store;
    this.provisioner =
        new Provisioner(provider, store, new InstanceWaiter(provider, clock, pause), policy, clock);
    this.router = new CommandRouter(List.of(
        new StatusCommand(provider, store, clock),
        new ListCommand(provider, store, clock),
        new OffersCommand(provider, policy.diskGb()),
        new ProvisionCommand(provisioner)));
  }

  public GpuProvider provider() {
    return provider;
  }

  public FleetStore store() {
    return store;
  }

  public Provisioner provisioner() {
    return provisioner;
  }

  public CommandRouter router() {
    return router;
  }

  @Override
  public void close() {
    store.close();
  }
}
