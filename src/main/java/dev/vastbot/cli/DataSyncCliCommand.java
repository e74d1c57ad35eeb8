package dev.vastbot.cli;

import dev.vastbot.app.Vastbot;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.command.SyncCommand;
import dev.vastbot.fleet.sync.SyncProgress;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.view.Heading;
import dev.vastbot.fleet.view.Notice;
import dev.vastbot.fleet.view.Reply;
import dev.vastbot.fleet.view.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vastbot data-sync}: the old {@code unified_data_sync.py}. {@code --source vast --dest
 * local} copies every running instance's data home (verified; nothing stopped or destroyed);
 * {@code --status} shows the last sync of each instance.
 */
@Command(name = "data-sync", mixinStandardHelpOptions = true,
    description = "Copy running instances' data (games, checkpoints, the Elo database) home, verified.")
final class DataSyncCliCommand implements Callable<Integer> {
  @Mixin FreshOption freshOption = new FreshOption();
  private final CliContext context;

  @Option(names = "--status", description = "the last sync of each instance: when, files, bytes, verified")
  boolean status;

  @Option(names = "--source", paramLabel = "vast", description = "where from: vast (every running instance)")
  String source;

  @Option(names = "--dest", paramLabel = "local", description = "where to: local (sync.local_dir)")
  String dest;

  @Option(names = "--force", description = "re-hash files that look unchanged (size and mtime)")
  boolean force;

  @Spec CommandSpec spec;

  DataSyncCliCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    boolean syncing = source != null || dest != null;
    if (syncing && !("vast".equals(source) && "local".equals(dest))) {
      throw new ParameterException(spec.commandLine(), "only --source vast --dest local is supported");
    }
    try (Vastbot bot = BotAssembly.open(context, BotAssembly.config(context))) {
      freshOption.applyTo(bot);
      if (!syncing) {
        return ReplyPrinter.print(context, SyncCommand.status(bot.store().syncRecords(), context.clock()));
      }
      return ReplyPrinter.print(context, syncAll(bot));
    }
  }

  private Reply syncAll(Vastbot bot) throws InterruptedException {
    List<List<String>> rows = new ArrayList<>();
    boolean allVerified = true;
    for (Instance instance : bot.snapshots().current().instances()) {
      if (instance.state() != InstanceState.RUNNING || instance.sshAddress().isEmpty()) {
        continue;
      }
      SyncReport report = bot.terminator().syncNow(instance.id(), force, SyncProgress.NONE);
      allVerified &= report.verified();
      rows.add(List.of(instance.nodeName(), Integer.toString(report.filesCopied()),
          Integer.toString(report.filesUnchanged()), Long.toString(report.bytesCopied()),
          report.verified() ? "verified" : "NOT verified: " + reason(report)));
    }
    Reply reply = Reply.of(new Heading("Synced " + rows.size() + " running instance(s)"),
        new Table(List.of("instance", "copied", "unchanged", "bytes", "result"), rows));
    return allVerified ? reply : reply.then(new Notice(Notice.Level.ERROR, "not every copy was verified"));
  }

  private static String reason(SyncReport report) {
    return report.failure() != null
        ? report.failure().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + report.failureDetail()
        : String.join("; ", report.problems());
  }
}
