package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Block;
import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.work.KeepaliveReport;
import dev.vastbot.fleet.work.WorkerRestart;
import dev.vastbot.service.work.Keepalive;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /vast keepalive}: one full keepalive pass now (health, ping, restart stopped instances,
 * restart workers where none run). A person asked, so it acts without waiting for a streak.
 */
public final class KeepaliveCommand implements CommandHandler {
  private static final CommandSpec SPEC = CommandSpec.of("keepalive",
      "Keepalive pass now: ping, restart stopped instances, restart missing workers");
  private final Keepalive keepalive;

  public KeepaliveCommand(Keepalive keepalive) {
    this.keepalive = keepalive;
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
  public Reply handle(Arguments arguments, Actor actor) throws InterruptedException {
    return render(keepalive.auto(actor, true));
  }

  /** The reply for a keepalive pass; also used by the CLI. */
  public static Reply render(KeepaliveReport report) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Heading("Keepalive: " + report.health().size() + " running instance(s) checked"));
    List<List<String>> rows = new ArrayList<>();
    report.health().forEach(h -> rows.add(List.of(Long.toString(h.instance().id()),
        h.assessment().level().display(), report.pings().getOrDefault(h.instance().id(), "-"))));
    blocks.add(new Table(List.of("id", "health", "ping"), rows));
    report.restartedInstances().forEach((id, what) -> blocks.add(new Paragraph("vast-" + id + " (stopped): " + what)));
    for (WorkerRestart restart : report.workerRestarts()) {
      blocks.add(restart.succeeded()
          ? new Notice(Notice.Level.SUCCESS, "vast-" + restart.instanceId() + ": workers restarted ("
              + restart.board() + "), " + restart.workersAfter() + " running"
              + (restart.codeSync().isEmpty() ? "" : "; " + restart.codeSync()))
          : new Notice(Notice.Level.WARNING, "vast-" + restart.instanceId() + ": worker restart failed: "
              + restart.problem()));
    }
    report.skipped().forEach((id, why) -> blocks.add(new Paragraph("vast-" + id + ": left alone, " + why)));
    if (report.workerRestarts().isEmpty() && report.restartedInstances().isEmpty()) {
      blocks.add(new Paragraph("Nothing needed restarting."));
    }
    return new Reply(blocks);
  }
}
