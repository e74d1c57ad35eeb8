package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.text.SafeText;
import dev.vastbot.service.p2p.P2pNetwork;
import dev.vastbot.service.work.WorkerControl;
import java.util.List;

/**
 * {@code /vast logs ID [p2p|workers]}: the last lines of the orchestrator's or the workers' log,
 * to diagnose "instance won't join P2P" from the channel.
 */
public final class LogsCommand implements CommandHandler {
  static final int LINES = 40;
  private static final int MAX_LINE_CHARS = 400;
  private static final CommandSpec SPEC = new CommandSpec("logs",
      "Last lines of an instance's P2P orchestrator log (default) or workers' log",
      List.of("ID", "p2p|workers"), 1, List.of());
  private final FleetSnapshots fleet;
  private final P2pNetwork network;
  private final WorkerControl workers;

  public LogsCommand(FleetSnapshots fleet, P2pNetwork network, WorkerControl workers) {
    this.fleet = fleet;
    this.network = network;
    this.workers = workers;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.readsSlowly();
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    long id = InstanceId.require(arguments, 0);
    String which = arguments.positional(1).orElse("p2p");
    if (!which.equals("p2p") && !which.equals("workers")) {
      return Reply.error("Unknown log '" + which + "': p2p or workers.").then(new Paragraph("Try: " + SPEC.usage()));
    }
    Instance instance = fleet.reread(id).orElseThrow(() -> InstanceUnavailableException.notOnAccount(id));
    if (instance.sshAddress().isEmpty()) {
      return Reply.error("vast-" + id + " is " + instance.displayStatus() + " and has no SSH address yet.");
    }
    ShellOutcome outcome = which.equals("p2p") ? network.logs(instance, LINES) : workers.tailLog(instance, LINES);
    if (!outcome.completed()) {
      return Reply.error("vast-" + id + ": could not read the log: " + outcome.message());
    }
    return Reply.of(new Heading("vast-" + id + " " + which + " log (last " + LINES + " lines)"),
        new Paragraph(hostLines(outcome.stdout()) + (outcome.truncated() ? "\n(cut)" : "")));
  }

  /**
   * The host's lines, each behind a "| " margin, so that no line the host wrote can pass for one
   * of ours ("OK: ..."); at most {@value #LINES} of them, each capped.
   */
  static String hostLines(String output) {
    if (output.isBlank()) {
      return "(empty)";
    }
    String capped = SafeText.capLines(output.stripTrailing(), LINES, MAX_LINE_CHARS);
    return "| " + capped.replace("\n", "\n| ");
  }
}
