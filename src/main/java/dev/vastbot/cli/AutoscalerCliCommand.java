package dev.vastbot.cli;

import dev.vastbot.app.CostChart;
import dev.vastbot.app.Vastbot;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.view.Notice;
import dev.vastbot.fleet.view.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vastbot autoscaler}: the old {@code vast_autoscaler.py}. So far only {@code --cost}: the
 * reply of {@code /vast cost}, and with {@code --png FILE} the chart of the last 30 days' spend
 * against the daily budget. The spend comes from the store's ledger, which the bot's health loop
 * ({@code serve}, {@code demo}) keeps.
 */
@Command(name = "autoscaler", mixinStandardHelpOptions = true,
    subcommands = AutoscalerSimulateCommand.class,
    description = "Fleet spend against the budget (more of the autoscaler's verbs to come).")
final class AutoscalerCliCommand implements Callable<Integer> {
  @Mixin FreshOption freshOption = new FreshOption();
  private final CliContext context;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Action action = new Action();

  static final class Action {
    @Option(names = "--cost", description = "spend today and this month, the forecast and the budget caps")
    boolean cost;

    @Option(names = "--policy", description = "every autoscaler group, its limits and its time window now")
    boolean policy;
  }

  @Option(names = "--png", paramLabel = "FILE", description = "with --cost: also write the chart of the last 30"
      + " days' spend against the daily budget as an 800x400 PNG")
  Path png;

  @Spec CommandSpec spec;

  AutoscalerCliCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (action == null || !action.cost && !action.policy) {
      throw new ParameterException(spec.commandLine(),
          "give --cost or --policy, or a subcommand: simulate --trace FILE.csv");
    }
    if (png != null && !action.cost) {
      throw new ParameterException(spec.commandLine(), "--png goes with --cost");
    }
    var config = BotAssembly.config(context);
    try (Vastbot bot = BotAssembly.open(context, config)) {
      freshOption.applyTo(bot);
      Reply reply = bot.router().route(action.policy ? "/vast policy" : "/vast cost", Actor.CLI);
      if (png != null) {
        reply = reply.then(writeChart(bot, config.budgets().dailyUsd()));
      }
      return ReplyPrinter.print(context, reply);
    }
  }

  private Notice writeChart(Vastbot bot, double dailyBudget) {
    var zone = bot.spend().zone();
    byte[] chart = CostChart.png(CostChart.lastDays(bot.store(), context.clock().instant(), zone), dailyBudget, zone);
    Path file = png.toAbsolutePath();
    try {
      Files.write(file, chart);
      return new Notice(Notice.Level.SUCCESS, "Chart written to " + file + " (" + chart.length + " bytes).");
    } catch (IOException e) {
      return new Notice(Notice.Level.ERROR, "Could not write the chart to " + file + ": " + e.getMessage());
    }
  }
}
