package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Block;
import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.cost.SpendLedger;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.OperationJournal;
import dev.vastbot.service.loop.BackgroundLoop;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code /vast status}: the account, the fleet by state, the burn rate and recent operations. */
public final class StatusCommand implements CommandHandler {
  private static final CommandSpec SPEC = new CommandSpec("status",
      "Account balance, fleet by state, spend rate, recent operations", List.of(), 0,
      List.of(OptionSpec.flag("fresh", "list the fleet now instead of answering from the snapshot")));
  private final FleetSnapshots fleet;
  private final OperationJournal store;
  private final Clock clock;
  private final List<BackgroundLoop> loops;

  public StatusCommand(FleetSnapshots fleet, OperationJournal store, Clock clock, List<BackgroundLoop> loops) {
    this.fleet = fleet;
    this.store = store;
    this.clock = clock;
    this.loops = List.copyOf(loops);
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.reads(!arguments.flag("fresh"));
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    FleetSnapshot snapshot = arguments.flag("fresh") ? fleet.refresh() : fleet.current();
    List<Instance> instances = snapshot.instances();
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Heading("Fleet status (" + CellFormat.asOf(snapshot, clock.instant()) + ")"));
    String balance = snapshot.account().map(a -> "Balance " + CellFormat.dollars(a.balance()))
        .orElse("Balance unknown");
    blocks.add(new Paragraph(balance + " · " + instances.size() + " instance(s) · spending "
        + CellFormat.perHour(burnRate(instances))));
    blocks.add(new Paragraph("By state: " + byState(instances)));
    if (!loops.isEmpty()) {
      blocks.add(new Table(List.of("loop", "every", "last tick", "outcome", "next"),
          loops.stream().map(this::loopRow).toList()));
    }
    List<Operation> recent = store.recentOperations(5);
    if (!recent.isEmpty()) {
      List<List<String>> rows = recent.stream().map(this::row).toList();
      blocks.add(new Table(List.of("op", "what", "by", "state", "when", "detail"), rows));
    }
    return new Reply(blocks);
  }

  /** What the fleet costs per hour now, as the spend ledger bills it ({@link SpendLedger#hourlyRate}). */
  public static double burnRate(List<Instance> instances) {
    return SpendLedger.hourlyRate(instances);
  }

  private static String byState(List<Instance> instances) {
    if (instances.isEmpty()) {
      return "no instances";
    }
    Map<InstanceState, Long> counts = instances.stream()
        .collect(Collectors.groupingBy(Instance::state, () -> new EnumMap<>(InstanceState.class),
            Collectors.counting()));
    return counts.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().display())
        .collect(Collectors.joining(", "));
  }

  private List<String> loopRow(BackgroundLoop loop) {
    var now = clock.instant();
    var last = loop.lastTick();
    return List.of(
        loop.name(),
        CellFormat.duration(loop.interval()),
        last.map(t -> CellFormat.age(t.finishedAt(), now) + " ago").orElse("never"),
        last.map(t -> (t.ok() ? "" : "FAILED: ") + t.outcome()).orElse("-"),
        loop.nextRun().map(next -> next.isAfter(now) ? "in " + CellFormat.age(now, next) : "due").orElse("not scheduled"));
  }

  private List<String> row(Operation operation) {
    return List.of(
        Long.toString(operation.id()),
        operation.kind() + " " + operation.target(),
        operation.requestedBy(),
        operation.state().name().toLowerCase(java.util.Locale.ROOT),
        CellFormat.age(operation.updatedAt(), clock.instant()) + " ago",
        operation.detail() == null ? "" : operation.detail());
  }
}
