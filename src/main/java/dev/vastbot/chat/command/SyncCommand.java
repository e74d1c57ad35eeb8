package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.port.InstanceStore;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.sync.CopyVerdict;
import dev.vastbot.fleet.sync.SyncOutcome;
import dev.vastbot.fleet.sync.SyncRecord;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.service.termination.Terminator;
import java.time.Clock;
import java.util.List;

/**
 * {@code /vast sync ID [--force]} copies a running instance's data home now (verified, nothing
 * stopped or destroyed); {@code /vast sync status} shows the last sync of each instance.
 */
public final class SyncCommand implements CommandHandler {
  private static final CommandSpec SPEC = new CommandSpec("sync",
      "Copy a running instance's data home now (verified), or `status`: the last sync of each",
      List.of("ID|status"), 1, List.of(OptionSpec.flag("force", "re-hash files that look unchanged")));
  private final Terminator terminator;
  private final InstanceStore store;
  private final Clock clock;

  public SyncCommand(Terminator terminator, InstanceStore store, Clock clock) {
    this.terminator = terminator;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    if (arguments.positional(0).filter("status"::equals).isEmpty()) {
      return CommandTraits.changes();
    }
    return CommandTraits.reads(arguments.options().isEmpty()); // the last sync's state, from the store
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) throws InterruptedException {
    if (arguments.positional(0).orElseThrow().equals("status")) {
      return status(store.syncRecords(), clock);
    }
    long id = InstanceId.require(arguments, 0);
    SyncOutcome outcome = terminator.syncNow(id, arguments.flag("force"), SyncProgress.NONE);
    SyncReport report = outcome.report();
    String text = "vast-" + id + ": " + report.filesCopied() + " file(s) copied, " + report.filesUnchanged()
        + " unchanged, " + report.bytesCopied() + " bytes, " + report.databases() + " database(s); "
        + outcome.verdict().rootsLine();
    if (outcome.verified()) {
      return Reply.of(new Notice(Notice.Level.SUCCESS, text + "; every file verified."));
    }
    return Reply.error(text + "; NOT verified: " + outcome.verdict().refusal());
  }

  /**
   * The last sync of each instance: when, files, bytes, verified or not, and below the table the
   * roots each found and missing on its host (too long for a table cell).
   */
  public static Reply status(List<SyncRecord> records, Clock clock) {
    List<List<String>> rows = records.stream().map(r -> List.of("vast-" + r.instanceId(),
        CellFormat.age(r.syncedAt(), clock.instant()) + " ago", Integer.toString(r.files()),
        Long.toString(r.bytes()), r.verified() ? "verified" : "NOT verified", r.detail())).toList();
    Reply reply = Reply.of(new Heading("Last sync of each instance"),
        new Table(List.of("instance", "when", "files", "bytes", "verified", "detail"), rows));
    for (SyncRecord record : records) {
      reply = reply.then(new Paragraph("vast-" + record.instanceId() + " " + CopyVerdict.rootsIn(record.detail())
          .orElse("roots: not recorded (synced before roots were recorded)")));
    }
    return reply;
  }
}
