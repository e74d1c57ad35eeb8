package dev.vastbot.cli;

import dev.vastbot.app.Vastbot;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.view.Heading;
import dev.vastbot.fleet.view.Notice;
import dev.vastbot.fleet.view.Reply;
import dev.vastbot.fleet.view.Table;
import dev.vastbot.fleet.work.WorkerRestart;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vastbot lifecycle}: the old {@code vast_lifecycle.py} verbs, as its documentation named them. */
@Command(name = "lifecycle", mixinStandardHelpOptions = true,
    description = "Health check, start self-play jobs where none run, list instances with their workload.")
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
  }

  LifecycleCliCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    try (Vastbot bot = BotAssembly.open(context, BotAssembly.config(context))) {
      freshOption.applyTo(bot);
      Reply reply;
      if (action.startJobs) {
        reply = startJobs(bot);
      } else if (action.list) {
        reply = bot.router().route("/vast list", Actor.CLI);
      } else {
        reply = bot.router().route("/vast health", Actor.CLI);
      }
      return ReplyPrinter.print(context, reply);
    }
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
