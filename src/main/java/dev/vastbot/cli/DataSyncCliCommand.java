package dev.vastbot.cli;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.command.SyncCommand;
import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.sync.CopyVerdict;
import dev.vastbot.fleet.sync.SyncOutcome;
import dev.vastbot.fleet.sync.SyncReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
      List<Future<SyncOutcome>> pulls = new ArrayList<>();
      for (Instance instance : running) {
        var printer = new SyncProgressPrinter(context.out(), running.size() == 1 && System.console() != null,
            instance.nodeName(), Duration.ofSeconds(5), System::nanoTime);
        pulls.add(pool.submit(() -> {
          SyncOutcome outcome = bot.terminator().syncNow(instance.id(), force, printer);
          printer.finish();
          return outcome;
        }));
      }
      List<List<String>> rows = new ArrayList<>();
      boolean allVerified = true;
      for (int i = 0; i < running.size(); i++) {
        SyncOutcome outcome = outcome(pulls.get(i));
        SyncReport report = outcome.report();
        allVerified &= outcome.verified();
        rows.add(List.of(running.get(i).nodeName(), Integer.toString(report.filesCopied()),
            Integer.toString(report.filesUnchanged()), Long.toString(report.bytesCopied()),
            outcome.verified() ? "verified" : "NOT verified: " + outcome.verdict().refusal(),
            outcome.verdict().rootsLine()));
      }
      Reply reply = Reply.of(new Heading("Synced " + rows.size() + " running instance(s)"),
          new Table(List.of("instance", "copied", "unchanged", "bytes", "result", "roots"), rows));
      return allVerified ? reply : reply.then(new Notice(Notice.Level.ERROR, "not every copy was verified"));
    } finally {
      pool.shutdownNow();
    }
  }

  private static SyncOutcome outcome(Future<SyncOutcome> pull) throws InterruptedException {
    try {
      return pull.get();
    } catch (ExecutionException failed) {
      var report = new SyncReport(0, 0, 0, 0, List.of(), SyncReport.Failure.REMOTE_ERROR,
          failed.getCause().getClass().getSimpleName() + ": " + failed.getCause().getMessage(), List.of(),
          Duration.ZERO);
      return new SyncOutcome(report, CopyVerdict.judge(report, List.of(), java.util.Set.of(),
          java.util.Optional.empty()));
    }
  }
}
