package dev.vastbot.fleet.command;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.GpuProvider;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code /vast health [ID]}: one SSH probe per running instance, classified, with reasons. */
public final class HealthCommand implements CommandHandler {
  private static final CommandSpec SPEC = new CommandSpec("health",
      "Probe running instances over SSH: GPUs, workers, P2P, disk, games", List.of("ID"), 0, List.of());
  private final GpuProvider provider;
  private final HealthSweep sweep;

  public HealthCommand(GpuProvider provider, HealthSweep sweep) {
    this.provider = provider;
    this.sweep = sweep;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    List<Instance> instances = provider.listInstances();
    if (arguments.positional(0).isPresent()) {
      long id = InstanceId.require(arguments, 0);
      instances = instances.stream().filter(i -> i.id() == id).toList();
      if (instances.isEmpty()) {
        throw InstanceUnavailableException.notOnAccount(id);
      }
    }
    List<HostHealth> results = sweep.sweep(instances);
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Heading("Health of " + results.size() + " running instance(s)"));
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
