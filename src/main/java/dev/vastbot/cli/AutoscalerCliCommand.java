package dev.vastbot.cli;

import dev.vastbot.app.VastConnection;
import dev.vastbot.app.Vastbot;
import dev.vastbot.chart.CostChart;
import dev.vastbot.chat.command.PolicyCommand;
import dev.vastbot.chat.command.ScaleCommand;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.access.Caller;
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
 * {@code vastbot autoscaler}: the old {@code vast_autoscaler.py}'s verbs for cron and a shell.
 * {@code --check} runs one tick of the autoscaler ({@code --dry-run}: decides and prints, does
 * nothing), {@code --scale-up --count N} and {@code --scale-down [--count N]} scale one group
 * ({@code --group}, default the first), {@code --policy} shows the groups and the decision {@code
 * --check} would make (the groups alone, without an API key), {@code --cost} the
 * spend (with {@code --png FILE} the chart of the last 30 days against the daily budget). Each
 * routes the matching {@code /vast} command, so the CLI and chat answer alike.
 */
@Command(name = "autoscaler", mixinStandardHelpOptions = true,
    subcommands = AutoscalerSimulateCommand.class,
    description = "The autoscaler: one tick (--check), scale a group, its policy, and the spend against the budget.")
final class AutoscalerCliCommand implements Callable<Integer> {
  @Mixin FreshOption freshOption = new FreshOption();
  private final CliContext context;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Action action = new Action();

  static final class Action {
    @Option(names = "--check", description = "one autoscaler tick over every group whose tick_minutes have passed, a demand poll"
        + " for the others (for cron, every minute)")
    boolean check;

    @Option(names = "--scale-up", description = "add --count instances to the group, within its maximum and budget")
    boolean scaleUp;

    @Option(names = "--scale-down", description = "take --count instances (default 1) out of the group, synced"
        + " first; each termination awaits approval unless the group allows unattended scale-down")
    boolean scaleDown;

    @Option(names = "--cost", description = "spend today and this month, the forecast and the budget caps")
    boolean cost;

    @Option(names = "--policy", description = "every autoscaler group, its limits and its time window now")
    boolean policy;
  }

  @Option(names = "--dry-run", description = "with --check: print the decisions, do nothing")
  boolean dryRun;

  @Option(names = "--count", paramLabel = "N", description = "with --scale-up / --scale-down: how many (1..20)")
  Integer count;

  @Option(names = "--group", paramLabel = "NAME", description = "with --scale-up / --scale-down: the group"
      + " (default: the first one)")
  String group;

  @Option(names = "--png", paramLabel = "FILE", description = "with --cost: also write the chart of the last 30"
      + " days' spend against the daily budget as an 800x400 PNG")
  Path png;

  @Spec CommandSpec spec;

  AutoscalerCliCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    String line = commandLine();
    var config = BotAssembly.config(context);
    if (action.policy && !hasApiKey()) {
      return ReplyPrinter.print(context, PolicyCommand.policyOnly(config.autoscaler(), context.clock(),
          "What each group would do now needs " + VastConnection.API_KEY_ENV + " (the fleet, the offers and the"
              + " spend so far are read from Vast); set it to see the decision `--check` would make.").reply());
    }
    try (Vastbot bot = BotAssembly.open(context, config)) {
      freshOption.applyTo(bot);
      Reply reply = bot.router().route(line, Caller.cli());
      if (png != null) {
        reply = reply.then(writeChart(bot, config.budgets().dailyUsd()));
      }
      return ReplyPrinter.print(context, reply);
    }
  }

  private boolean hasApiKey() {
    String key = context.env().get(VastConnection.API_KEY_ENV);
    return key != null && !key.isBlank();
  }

  /** The {@code /vast} line the options ask for; a flag that goes with another verb is refused. */
  private String commandLine() {
    if (action == null || !(action.check || action.scaleUp || action.scaleDown || action.policy || action.cost)) {
      throw new ParameterException(spec.commandLine(), "give one of --check, --scale-up, --scale-down, --policy,"
          + " --cost, or a subcommand: simulate --trace FILE.csv");
    }
    if (png != null && !action.cost) {
      throw new ParameterException(spec.commandLine(), "--png goes with --cost");
    }
    if (dryRun && !action.check) {
      throw new ParameterException(spec.commandLine(), "--dry-run goes with --check");
    }
    boolean scaling = action.scaleUp || action.scaleDown;
    if ((count != null || group != null) && !scaling) {
      throw new ParameterException(spec.commandLine(), "--count and --group go with --scale-up or --scale-down");
    }
    if (action.scaleUp && count == null) {
      throw new ParameterException(spec.commandLine(), "--scale-up needs --count N");
    }
    if (count != null && (count < 1 || count > ScaleCommand.MAX_COUNT)) {
      throw new ParameterException(spec.commandLine(), "--count must be from 1 to " + ScaleCommand.MAX_COUNT
          + ", not " + count);
    }
    if (group != null && !group.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new ParameterException(spec.commandLine(), "--group: not a group name");
    }
    String target = (count == null ? "" : " " + count) + (group == null ? "" : " --group " + group);
    if (action.check) {
      return "/vast autoscale --when-due" + (dryRun ? " --dry-run" : "");
    }
    if (action.scaleUp) {
      return "/vast scale-up" + target;
    }
    if (action.scaleDown) {
      return "/vast scale-down" + target;
    }
    return action.policy ? "/vast policy" : "/vast cost";
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
