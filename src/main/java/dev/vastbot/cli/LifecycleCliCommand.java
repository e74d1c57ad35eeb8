package dev.vastbot.cli;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.work.WorkerRestart;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vastbot lifecycle}: the old {@code vast_lifecycle.py} verbs, as its documentation named them. */
@Command(name = "lifecycle", mixinStandardHelpOptions = true,
    description = "Health check, start self-play jobs where none run, list instances with their workload,"
        + " shut instances down safely.")
final class LifecycleCliCommand implements Callable<Integer> {
  @Mixin FreshOption freshOption = new FreshOption();
  private final CliContext context;

  @ArgGroup(exclusive = true)
  Action action = new Action();

  static final class Action {
    @Option(names = "--health-check", description = "probe every running instance (the default)")
    boolean healthCheck;

    @Option(names = "--start-jobs", description = "start workers (the GPU's workload) where none run")
    boolean startJobs;

    @Option(names = "--list", description = "every instance with its state and workload")
    boolean list;

    @Option(names = "--shutdown", description = "terminate --instance (or every --idle one) after syncing its"
        + " data home and verifying it")
    boolean shutdown;
  }

  @Option(names = "--instance", paramLabel = "vast-ID", description = "the instance for --shutdown")
  String instance;

  @Option(names = "--idle", description = "with --shutdown: every instance idle for health.idle_window_minutes")
  boolean idle;

  @Option(names = "--sync-first", description = "with --shutdown: copy the data home first (always done;"
      + " kept for the old scripts' flags)")
  boolean syncFirst;

  @Option(names = "--approved-by", paramLabel = "USER", description = "with --shutdown from cron: the approver"
      + " (slack.approvers) who decided it; --idle needs none when health.unattended_idle_shutdown is true")
  String approvedBy;

  @Option(names = "--force-without-sync", description = "with --shutdown: destroy WITHOUT copying the data"
      + " (audited as such)")
  boolean forceWithoutSync;

  @Spec CommandSpec spec;

  LifecycleCliCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    var config = BotAssembly.config(context);
    try (Vastbot bot = BotAssembly.open(context, config)) {
      freshOption.applyTo(bot);
      Reply reply;
      if (action.shutdown) {
        return ReplyPrinter.print(context, shutdown(bot, config));
      } else if (action.startJobs) {
        reply = startJobs(bot);
      } else if (action.list) {
        reply = bot.router().route("/vast list", Caller.cli());
      } else {
        reply = bot.router().route("/vast health", Caller.cli());
      }
      return ReplyPrinter.print(context, reply);
    }
  }

  private Reply shutdown(Vastbot bot, VastbotConfig config) throws InterruptedException {
    if ((instance == null) == !idle) {
      throw new ParameterException(spec.commandLine(), "--shutdown needs --instance vast-ID or --idle (one of them)");
    }
    boolean byPolicy = approvedBy == null && idle && config.health().unattendedIdleShutdown();
    if (approvedBy == null && !byPolicy) {
      throw new ParameterException(spec.commandLine(), "--shutdown needs --approved-by USER naming an approver"
          + " (slack.approvers): from a shell or cron nobody can click Approve"
          + (idle ? "; or set health.unattended_idle_shutdown: true to let --idle go by that policy" : ""));
    }
    if (byPolicy && forceWithoutSync) {
      throw new ParameterException(spec.commandLine(), "--force-without-sync needs --approved-by USER:"
          + " no policy approves a destroy without sync");
    }
    // Several idle instances are copied side by side: plain progress lines, not one bar each on the same line.
    var run = new ShutdownRun(bot.terminator(), bot.healthSweep(), bot.snapshots(),
        byPolicy ? null : new Actor(approvedBy), forceWithoutSync, config.sync().parallelTerminations(),
        id -> new SyncProgressPrinter(context.out(), !idle && System.console() != null, "vast-" + id,
            java.time.Duration.ofSeconds(5), System::nanoTime));
    if (idle) {
      List<Long> ids = run.idleInstances(config.health().idleWindow(), context.clock().instant());
      return ids.isEmpty() ? Reply.of(new Notice(Notice.Level.INFO, "No instance has been idle for "
          + config.health().idleWindow().toMinutes() + " min; nothing to shut down."))
          : run.terminate(ids, "idle for " + config.health().idleWindow().toMinutes() + " min");
    }
    String digits = instance.replaceFirst("^vast-", "");
    if (!digits.matches("\\d{1,18}")) {
      throw new ParameterException(spec.commandLine(), "--instance: expected vast-ID or ID, got '" + instance + "'");
    }
    return run.terminate(List.of(Long.parseLong(digits)), "lifecycle --shutdown by " + approvedBy);
  }

  private static Reply startJobs(Vastbot bot) {
    List<List<String>> rows = new ArrayList<>();
    boolean failed = false;
    for (HostHealth host : bot.healthSweep().sweep(bot.provider().listInstances())) {
      if (!host.assessment().reachableWithoutWorkers()) {
        continue;
      }
      WorkerRestart started = bot.workers().restart(host.instance());
      failed |= !started.succeeded();
      rows.add(List.of(host.instance().nodeName(), started.board(),
          started.succeeded() ? started.workersAfter() + " running" : "failed: " + started.problem()));
    }
    Reply reply = Reply.of(new Heading("Jobs started on " + rows.size() + " instance(s) without workers"),
        new Table(List.of("node", "workload", "result"), rows));
    return failed ? reply.then(new Notice(Notice.Level.ERROR, "some instances did not start their workers"))
        : reply;
  }
}
