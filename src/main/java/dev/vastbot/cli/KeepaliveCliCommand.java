package dev.vastbot.cli;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.command.KeepaliveCommand;
import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.access.Caller;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vastbot keepalive}: the old {@code vast_keepalive.py} verbs. One action per run; {@code
 * --status} is the default. From cron, {@code --auto} acts on an instance only after the
 * configured number of failed checks in a row (kept in the store across runs).
 */
@Command(name = "keepalive", mixinStandardHelpOptions = true,
    description = "Instance status, keepalive pings, restart of stopped instances and missing workers.")
final class KeepaliveCliCommand implements Callable<Integer> {
  @Mixin FreshOption freshOption = new FreshOption();
  private final CliContext context;

  @ArgGroup(exclusive = true)
  Action action = new Action();

  static final class Action {
    @Option(names = "--status", description = "health of every running instance (the default)")
    boolean status;

    @Option(names = "--keepalive", description = "ping every running instance (leaves nothing on the host)")
    boolean keepalive;

    @Option(names = "--restart-stopped", description = "start stopped instances and follow them")
    boolean restartStopped;

    @Option(names = "--auto", description = "all of the above, plus restart workers where none run")
    boolean auto;

    @Option(names = "--install-cron", description = "add '--auto' every 15 minutes to this user's crontab, once")
    boolean installCron;
  }

  KeepaliveCliCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (action.installCron) {
      return new CrontabInstaller(context).install("keepalive --auto", "*/15 * * * *");
    }
    try (Vastbot bot = BotAssembly.open(context, BotAssembly.config(context))) {
      freshOption.applyTo(bot);
      Reply reply;
      if (action.keepalive) {
        reply = pings(bot.keepalive().ping(bot.provider().listInstances()));
      } else if (action.restartStopped) {
        reply = restarts(bot.keepalive().restartStopped(bot.provider().listInstances(), Actor.CLI));
      } else if (action.auto) {
        reply = KeepaliveCommand.render(bot.keepalive().auto(new Actor("cron:keepalive"), false));
      } else {
        reply = bot.router().route("/vast health", Caller.cli());
      }
      return ReplyPrinter.print(context, reply);
    }
  }

  private static Reply pings(Map<Long, String> pings) {
    var rows = pings.entrySet().stream().map(e -> List.of("vast-" + e.getKey(), e.getValue())).toList();
    return Reply.of(new Heading("Keepalive ping: " + pings.size() + " running instance(s)"),
        new Table(List.of("node", "ping"), rows));
  }

  private static Reply restarts(Map<Long, String> results) {
    var rows = results.entrySet().stream().map(e -> List.of("vast-" + e.getKey(), e.getValue())).toList();
    return Reply.of(new Heading("Stopped instances: " + results.size()),
        new Table(List.of("node", "result"), rows));
  }
}
