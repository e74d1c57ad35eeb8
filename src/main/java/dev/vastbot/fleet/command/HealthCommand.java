package dev.vastbot.fleet.command;

import dev.vastbot.fleet.access.Effect;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.FleetSnapshots;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.health.HealthSweep;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.health.ProbeReport;
import dev.vastbot.fleet.view.Block;
import dev.vastbot.fleet.view.Heading;
import dev.vastbot.fleet.view.Paragraph;
import dev.vastbot.fleet.view.Reply;
import dev.vastbot.fleet.view.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code /vast health [ID] [--fresh]}: each running instance's health, classified, with reasons. */
public final class HealthCommand implements CommandHandler {
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
  public Effect effect(Arguments arguments) {
    return Effect.READ;
  }

  /**
   * Without an ID: the last sweep's view of the snapshot's running instances, with its age, or a
   * sweep now when one of them was never checked or {@code --fresh} is given. With an ID: that
   * instance is probed now.
   */
  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    FleetSnapshot snapshot = fleet.current();
    List<Instance> instances = snapshot.instances();
    Optional<List<HostHealth>> last = Optional.empty();
    if (arguments.positional(0).isPresent()) {
      long id = InstanceId.require(arguments, 0);
      instances = fleet.reread(id).map(List::of).orElseThrow(() -> InstanceUnavailableException.notOnAccount(id));
    } else if (!arguments.flag("fresh")) {
      last = sweep.lastChecks(instances);
    }
    List<HostHealth> results = last.orElseGet(sweepNow(instances));
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Heading("Health of " + results.size() + " running instance(s)" + checkedWhen(results, last)));
    blocks.add(new Table(List.of("id", "gpu", "health", "fails", "gpu util", "workers", "p2p", "disk",
        "games/h", "tailscale"), results.stream().map(HealthCommand::row).toList()));
    for (HostHealth host : results) {
      if (!host.assessment().reasons().isEmpty()) {
        blocks.add(new Paragraph(host.instance().nodeName() + ": " + String.join("; ", host.assessment().reasons())));
      }
    }
    long notProbed = instances.size() - results.size();
    if (notProbed > 0) {
      blocks.add(new Paragraph(notProbed + " instance(s) not running, not probed (see /vast list)."));
    }
    return new Reply(blocks);
  }

  private java.util.function.Supplier<List<HostHealth>> sweepNow(List<Instance> instances) {
    return () -> sweep.sweep(instances);
  }

  private String checkedWhen(List<HostHealth> results, Optional<List<HostHealth>> last) {
    if (last.isEmpty() || results.isEmpty()) {
      return "";
    }
    Instant oldest = results.stream().map(h -> h.streak().lastChecked()).min(Instant::compareTo).orElseThrow();
    return " (last sweep, as of " + CellFormat.age(oldest, clock.instant()) + " ago; --fresh probes now)";
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
