package dev.vastbot.app;

import dev.vastbot.chat.command.Arguments;
import dev.vastbot.chat.command.CommandHandler;
import dev.vastbot.chat.command.CommandSpec;
import dev.vastbot.chat.command.CommandTraits;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.host.HostilePayload;
import dev.vastbot.sim.host.SimHost;
import dev.vastbot.sim.host.SimHostFleet;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code /vast sim FAULT ID}: the demo's fault injection, so that a person can break a simulated
 * host and watch vastbot notice and mend it. Only registered by {@code demo}.
 */
final class SimFaultCommand implements CommandHandler {
  private static final List<String> FAULTS = List.of("workers-dead", "orchestrator-down", "gpu-idle",
      "disk-full", "ssh-hang", "host-key-changed", "hostile", "outbid", "offline", "clear");
  private static final CommandSpec SPEC = new CommandSpec("sim",
      "Demo only: break a simulated host (" + String.join(", ", FAULTS) + ")", List.of("FAULT", "ID"), 2,
      List.of());
  private final SimMarketplace marketplace;
  private final SimHostFleet hosts;

  SimFaultCommand(SimMarketplace marketplace, SimHostFleet hosts) {
    this.marketplace = marketplace;
    this.hosts = hosts;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.changes();
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    String fault = arguments.positional(0).orElseThrow();
    String idText = arguments.positional(1).orElseThrow().replaceFirst("^vast-", "");
    if (!FAULTS.contains(fault)) {
      return Reply.error("Unknown fault '" + fault + "'.").then(new Paragraph("Faults: " + String.join(", ", FAULTS)));
    }
    if (!idText.matches("\\d{1,18}")) {
      return Reply.error("'" + idText + "' is not an instance id.");
    }
    long id = Long.parseLong(idText);
    if (fault.equals("outbid")) {
      marketplace.faults().outbid(id);
      return done(fault, id);
    }
    if (fault.equals("offline")) {
      marketplace.faults().hostOffline(id);
      return done(fault, id);
    }
    Optional<SimHost> host = hosts.host(id);
    if (host.isEmpty()) {
      return Reply.error("No simulated host for instance " + id + " (is it running?). See /vast list.");
    }
    Consumer<SimHost> action = switch (fault) {
      case "workers-dead" -> h -> h.faults().workersDead();
      case "orchestrator-down" -> h -> h.faults().orchestratorDown();
      case "gpu-idle" -> h -> h.faults().gpuIdle(true);
      case "disk-full" -> h -> h.faults().diskFull(true);
      case "ssh-hang" -> h -> h.faults().sshHang(true);
      case "host-key-changed" -> h -> h.faults().hostKeyChanged();
      case "hostile" -> h -> h.faults().hostile(EnumSet.allOf(HostilePayload.class), victimOf(h));
      default -> h -> h.faults().clear();
    };
    action.accept(host.get());
    return done(fault, id);
  }

  /** Another attached host's Tailscale address, for a hostile host to claim. */
  private String victimOf(SimHost hostile) {
    return hosts.attachedHosts().stream().filter(h -> h.instanceId() != hostile.instanceId())
        .map(SimHost::tailscaleIp).findFirst().orElse("100.64.0.1");
  }

  private static Reply done(String fault, long id) {
    return Reply.of(new Notice(Notice.Level.INFO, "sim: " + fault + " on vast-" + id + "."));
  }
}
