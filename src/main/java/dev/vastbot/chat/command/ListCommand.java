package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Paging;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.work.WorkloadTable;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /vast list [--page N]}: the instances on the account, by id, from the shared snapshot
 * (with its age). Without {@code --page} every instance is listed (the console and cron see the
 * whole fleet), and the table says how it pages, so that Slack shows the first page and points at
 * the next; with {@code --page N} only page N of {@value #PAGE_SIZE} is listed.
 */
public final class ListCommand implements CommandHandler {
  /** Instances per page of {@code /vast list --page N}. */
  public static final int PAGE_SIZE = 25;
  private static final int MAX_PAGE = 10_000;
  private static final String COMMAND = "/vast list";
  private static final List<String> COLUMNS =
      List.of("id", "gpu", "status", "price", "ssh", "up", "workload", "label");
  private static final CommandSpec SPEC = new CommandSpec("list", "List every instance with its state",
      List.of(), 0,
      List.of(OptionSpec.flag("fresh", "list the fleet now instead of answering from the snapshot"),
          OptionSpec.count("page", false, 1, MAX_PAGE,
              "show only page N, " + PAGE_SIZE + " instances a page (default: every instance)")));
  private final FleetSnapshots fleet;
  private final Clock clock;
  private final WorkloadTable workloads;
  private final Supplier<Set<Long>> starting;
  private final Supplier<List<dev.vastbot.fleet.autoscale.PoolMember>> pool;

  /** A list that shows no instance as starting. */
  public ListCommand(FleetSnapshots fleet, Clock clock, WorkloadTable workloads) {
    this(fleet, clock, workloads, Set::of);
  }

  /**
   * @param starting the ids of the instances whose set-up is in progress (read once a list): shown
   *     as {@code starting} while Vast says they run
   */
  public ListCommand(FleetSnapshots fleet, Clock clock, WorkloadTable workloads, Supplier<Set<Long>> starting) {
    this(fleet, clock, workloads, starting, List::of);
  }

  /**
   * @param pool the warm pool members (the store's): each is shown as {@code stopped (warm pool)},
   *     and listed after the table with its group, since when, disk and storage price
   */
  public ListCommand(FleetSnapshots fleet, Clock clock, WorkloadTable workloads, Supplier<Set<Long>> starting,
      Supplier<List<dev.vastbot.fleet.autoscale.PoolMember>> pool) {
    this.pool = pool;
    this.fleet = fleet;
    this.clock = clock;
    this.workloads = workloads;
    this.starting = starting;
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
    List<Instance> instances = snapshot.instances().stream()
        .sorted(Comparator.comparingLong(Instance::id)).toList();
    List<dev.vastbot.fleet.autoscale.PoolMember> members = pool.get();
    Reply reply = arguments.count("page").map(page -> onePage(snapshot, instances, page))
        .orElseGet(() -> everyInstance(snapshot, instances));
    return members.isEmpty() ? reply : reply.then(new Paragraph("Warm pool (stopped, storage billed):\n"
        + members.stream().map(m -> m.group() + " " + dev.vastbot.fleet.autoscale.WarmPoolView.memberLine(m,
            clock.instant())).collect(java.util.stream.Collectors.joining("\n"))));
  }

  private Reply everyInstance(FleetSnapshot snapshot, List<Instance> instances) {
    return Reply.of(new Heading("Instances (" + thousands(instances.size()) + ", " + asOf(snapshot) + ")"),
        table(instances).pagedBy(new Paging(COMMAND, PAGE_SIZE)));
  }

  private Reply onePage(FleetSnapshot snapshot, List<Instance> instances, int page) {
    int pages = Math.max(1, (instances.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    if (page > pages) {
      return Reply.error("No page " + page + ": " + thousands(instances.size()) + " instances make "
          + pages + (pages == 1 ? " page" : " pages") + " of " + PAGE_SIZE + ". Try: " + COMMAND
          + " --page " + pages);
    }
    int from = (page - 1) * PAGE_SIZE;
    var reply = Reply.of(new Heading("Instances (" + thousands(instances.size()) + ", page " + page
            + " of " + pages + ", " + asOf(snapshot) + ")"),
        table(instances.subList(from, Math.min(instances.size(), from + PAGE_SIZE))));
    return page < pages ? reply.then(new Paragraph("Next: " + COMMAND + " --page " + (page + 1))) : reply;
  }

  private Table table(List<Instance> instances) {
    Set<Long> settingUp = instances.stream().anyMatch(i -> i.state() == InstanceState.RUNNING)
        ? starting.get() : Set.of();
    return new Table(COLUMNS, instances.stream().map(i -> row(i, settingUp.contains(i.id()))).toList());
  }

  private String asOf(FleetSnapshot snapshot) {
    return CellFormat.asOf(snapshot, clock.instant());
  }

  private static String thousands(int count) {
    return String.format(Locale.ROOT, "%,d", count);
  }

  private List<String> row(Instance instance, boolean settingUp) {
    String gpu = instance.numGpus() > 1 ? instance.numGpus() + "x " + instance.gpuName() : instance.gpuName();
    String status = instance.outbid() && instance.bid() ? "stopped (outbid)"
        : settingUp && instance.state() == InstanceState.RUNNING ? "starting" : instance.displayStatus();
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
