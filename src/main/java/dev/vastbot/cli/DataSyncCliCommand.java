package dev.vastbot.cli;

import dev.vastbot.app.Vastbot;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.command.SyncCommand;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.view.Heading;
import dev.vastbot.fleet.view.Notice;
import dev.vastbot.fleet.view.Reply;
import dev.vastbot.fleet.view.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  private static final int PARALLEL = 4;

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

  /** Syncs every running instance, {@value #PARALLEL} at a time, a progress line each. */
  private Reply syncAll(Vastbot bot) throws InterruptedException {
    List<Instance> running = bot.snapshots().current().instances().stream()
        .filter(i -> i.state() == InstanceState.RUNNING && i.sshAddress().isPresent()).toList();
    var pool = Executors.newFixedThreadPool(PARALLEL);
    try {
      List<Future<SyncReport>> pulls = new ArrayList<>();
      for (Instance instance : running) {
        var printer = new SyncProgressPrinter(context.out(), running.size() == 1 && System.console() != null,
            instance.nodeName(), Duration.ofSeconds(5), System::nanoTime);
        pulls.add(pool.submit(() -> {
          SyncReport report = bot.terminator().syncNow(instance.id(), force, printer);
          printer.finish();
          return report;
        }));
      }
      List<List<String>> rows = new ArrayList<>();
      boolean allVerified = true;
      for (int i = 0; i < running.size(); i++) {
        SyncReport report = outcome(pulls.get(i));
        allVerified &= report.verified();
        rows.add(List.of(running.get(i).nodeName(), Integer.toString(report.filesCopied()),
            Integer.toString(report.filesUnchanged()), Long.toString(report.bytesCopied()),
            report.verified() ? "verified" : "NOT verified: " + reason(report)));
      }
      Reply reply = Reply.of(new Heading("Synced " + rows.size() + " running instance(s)"),
          new Table(List.of("instance", "copied", "unchanged", "bytes", "result"), rows));
      return allVerified ? reply : reply.then(new Notice(Notice.Level.ERROR, "not every copy was verified"));
    } finally {
      pool.shutdownNow();
    }
  }

  private static SyncReport outcome(Future<SyncReport> pull) throws InterruptedException {
    try {
      return pull.get();
    } catch (ExecutionException failed) {
      return new SyncReport(0, 0, 0, 0, List.of(), SyncReport.Failure.REMOTE_ERROR,
          failed.getCause().getClass().getSimpleName() + ": " + failed.getCause().getMessage(), List.of(),
          Duration.ZERO);
    }
  }

  private static String reason(SyncReport report) {
    return report.failure() != null
        ? report.failure().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + report.failureDetail()
        : String.join("; ", report.problems());
  }
}
