package dev.vastbot.fleet.command;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.FleetSnapshots;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.view.Heading;
import dev.vastbot.fleet.view.Reply;
import dev.vastbot.fleet.view.Table;
import dev.vastbot.fleet.work.WorkloadTable;
import java.time.Clock;
import java.util.List;

/** {@code /vast list}: every instance on the account, from the shared snapshot (with its age). */
public final class ListCommand implements CommandHandler {
  private static final CommandSpec SPEC = new CommandSpec("list", "List every instance with its state",
      List.of(), 0,
      List.of(OptionSpec.flag("fresh", "list the fleet now instead of answering from the snapshot")));
  private final FleetSnapshots fleet;
  private final Clock clock;
  private final WorkloadTable workloads;

  public ListCommand(FleetSnapshots fleet, Clock clock, WorkloadTable workloads) {
    this.fleet = fleet;
    this.clock = clock;
    this.workloads = workloads;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    FleetSnapshot snapshot = arguments.flag("fresh") ? fleet.refresh() : fleet.current();
    List<Instance> instances = snapshot.instances();
    List<List<String>> rows = instances.stream().map(this::row).toList();
    return Reply.of(new Heading("Instances (" + instances.size() + ", "
            + CellFormat.asOf(snapshot, clock.instant()) + ")"),
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
