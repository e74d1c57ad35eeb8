package dev.vastbot.fleet.command;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.FleetStore;
import dev.vastbot.fleet.GpuProvider;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.view.Heading;
import dev.vastbot.fleet.view.Reply;
import dev.vastbot.fleet.view.Table;
import dev.vastbot.fleet.work.WorkloadTable;
import java.time.Clock;
import java.util.List;

/** {@code /vast list}: every instance on the account, as Vast reports it now. */
public final class ListCommand implements CommandHandler {
  private static final CommandSpec SPEC = CommandSpec.of("list", "List every instance with its state");
  private final GpuProvider provider;
  private final FleetStore store;
  private final Clock clock;
  private final WorkloadTable workloads;

  public ListCommand(GpuProvider provider, FleetStore store, Clock clock, WorkloadTable workloads) {
    this.provider = provider;
    this.store = store;
    this.clock = clock;
    this.workloads = workloads;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    List<Instance> instances = provider.listInstances();
    store.recordObservation(instances, clock.instant());
    List<List<String>> rows = instances.stream().map(this::row).toList();
    return Reply.of(new Heading("Instances (" + instances.size() + ")"),
        new Table(List.of("id", "gpu", "status", "price", "ssh", "up", "workload", "label"), rows));
  }

  private List<String> row(Instance instance) {
    String gpu = instance.numGpus() > 1 ? instance.numGpus() + "x " + instance.gpuName() : instance.gpuName();
    String status = instance.outbid() && instance.bid() ? "stopped (outbid)" : instance.displayStatus();
    return List.of(
        Long.toString(instance.id()),
        gpu,
        status,
        CellFormat.perHour(instance.dphTotal()),
        CellFormat.address(instance.sshAddress().orElse(null)),
        CellFormat.age(instance.startedAt(), clock.instant()),
        workloads.boardFor(instance.gpuName()),
        instance.label() == null ? "-" : instance.label());
  }
}
