package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Block;
import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.health.ProbeReport;
import dev.vastbot.fleet.health.SweepProgress;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.service.health.HealthSweep;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /vast health [ID] [--fresh]}: each running instance's health, classified, with reasons.
 *
 * <p>Without an ID or {@code --fresh} it answers at once from the last sweep's results ({@link
 * AnswersAtOnce}); while a sweep runs it says so and how far it has come ("sweep in progress, 412
 * of 914 checked"), and the first sweep, with no results yet, says that. Only when a running
 * instance was never checked and no sweep under way is probing it does it probe now (then it is not
 * an answer at once).
 */
public final class HealthCommand implements CommandHandler, AnswersAtOnce {
  private static final CommandSpec SPEC = new CommandSpec("health",
      "Health of running instances (GPUs, workers, P2P, disk, games) from the last sweep; ID probes one now",
      List.of("ID"), 0,
      List.of(OptionSpec.flag("fresh", "probe every running instance now")));
  private final FleetSnapshots fleet;
  private final HealthSweep sweep;
  private final Clock clock;

  public HealthCommand(FleetSnapshots fleet, HealthSweep sweep, Clock clock) {
    this.fleet = fleet;
    this.sweep = sweep;
    this.clock = clock;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.reads(arguments.positionals().isEmpty() && arguments.options().isEmpty());
  }

  /**
   * With an ID: that instance is probed now. With {@code --fresh}: every running instance is.
   * Otherwise the answer at once, or, when an instance was never checked and no sweep is probing
   * it, a sweep now.
   */
  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    if (arguments.positional(0).isPresent()) {
      long id = InstanceId.require(arguments, 0);
      List<Instance> one = fleet.reread(id).map(List::of).orElseThrow(() -> InstanceUnavailableException.notOnAccount(id));
      List<HostHealth> results = sweep.probeNow(one);
      return report(results, one.size() - results.size(), "", Optional.empty());
    }
    return arguments.flag("fresh") ? sweepNow(fleet.current().instances())
        : answerAtOnce(arguments, actor).orElseGet(() -> sweepNow(fleet.current().instances()));
  }

  private Reply sweepNow(List<Instance> instances) {
    List<HostHealth> results = sweep.sweep(instances);
    return report(results, instances.size() - results.size(), "", Optional.empty());
  }

  /** From the last results, unless an instance was never checked and no sweep under way probes it. */
  @Override
  public Optional<Reply> answerAtOnce(Arguments arguments, Actor actor) {
    if (arguments.positional(0).isPresent() || arguments.flag("fresh")) {
      return Optional.empty();
    }
    List<Instance> instances = fleet.current().instances();
    List<HostHealth> checked = sweep.checkedSoFar(instances);
    Set<Long> seen = checked.stream().map(h -> h.instance().id()).collect(Collectors.toSet());
    List<Long> unchecked = instances.stream().filter(HealthSweep::probed).map(Instance::id)
        .filter(id -> !seen.contains(id)).toList();
    if (!unchecked.isEmpty() && !sweep.underWayFor(unchecked)) {
      return Optional.empty();
    }
    Optional<Paragraph> progress = sweep.inProgress().map(p -> progressLine(p, unchecked.size()));
    String heading = unchecked.isEmpty() ? checked.size() + " running instance(s)" + lastSweep(checked)
        : checked.isEmpty() ? unchecked.size() + " running instance(s): no results yet"
        : checked.size() + " of " + (checked.size() + unchecked.size()) + " running instance(s)" + lastSweep(checked);
    long notRunning = instances.size() - checked.size() - unchecked.size();
    return Optional.of(report(checked, notRunning, heading, progress));
  }

  /** "Sweep in progress, 412 of 914 checked (started 12s ago)", and what is not checked yet. */
  private Paragraph progressLine(SweepProgress progress, int unchecked) {
    String line = "Sweep in progress, " + progress.checked() + " of " + progress.total() + " checked (started "
        + CellFormat.age(progress.startedAt(), clock.instant()) + " ago)";
    return new Paragraph(unchecked == 0 ? line + "; these are the last results."
        : line + "; " + unchecked + " running instance(s) not checked yet: ask again when it is done.");
  }

  private String lastSweep(List<HostHealth> results) {
    if (results.isEmpty()) {
      return "";
    }
    Instant oldest = results.stream().map(h -> h.streak().lastChecked()).min(Instant::compareTo).orElseThrow();
    return " (last sweep, as of " + CellFormat.age(oldest, clock.instant()) + " ago; --fresh probes now)";
  }

  /**
   * @param heading after "Health of "; empty: "N running instance(s)" of the results
   * @param notRunning instances looked at that are not running (not probed)
   */
  private static Reply report(List<HostHealth> results, long notRunning, String heading,
      Optional<Paragraph> progress) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Heading("Health of " + (heading.isEmpty() ? results.size() + " running instance(s)" : heading)));
    progress.ifPresent(blocks::add);
    if (!results.isEmpty() || progress.isEmpty()) {
      blocks.add(new Table(List.of("id", "gpu", "health", "fails", "gpu util", "workers", "p2p", "disk",
          "games/h", "tailscale"), results.stream().map(HealthCommand::row).toList()));
    }
    for (HostHealth host : results) {
      if (!host.assessment().reasons().isEmpty()) {
        blocks.add(new Paragraph(host.instance().nodeName() + ": " + String.join("; ", host.assessment().reasons())));
      }
    }
    if (notRunning > 0) {
      blocks.add(new Paragraph(notRunning + " instance(s) not running, not probed (see /vast list)."));
    }
    return new Reply(blocks);
  }

  private static List<String> row(HostHealth host) {
    ProbeReport report = host.assessment().report().orElse(null);
    return List.of(
        Long.toString(host.instance().id()),
        host.instance().gpuName(),
        host.assessment().level().display(),
        Integer.toString(host.streak().consecutiveFailures()),
        report == null || report.meanGpuUtilization() == null ? "-"
            : String.format(Locale.ROOT, "%.0f%%", report.meanGpuUtilization()),
        report == null || report.workers() == null ? "-" : report.workers().toString(),
        report == null ? "-" : !report.orchestrator().answered() ? "down"
            : (report.orchestrator().healthy() ? "ok " : "unhealthy ") + report.orchestrator().activePeers()
                + "/" + report.orchestrator().totalPeers(),
        report == null || report.diskPercent() == null ? "-" : report.diskPercent() + "%",
        report == null || report.gamesLastHour() == null ? "-" : report.gamesLastHour().toString(),
        report == null || report.tailscaleIp() == null ? "-" : report.tailscaleIp());
  }
}
