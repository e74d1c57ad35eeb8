package dev.vastbot.cli;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.access.Caller;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vastbot p2p}: the P2P cluster, as the old {@code vast_p2p_manager.py} documentation named it. */
@Command(name = "p2p", mixinStandardHelpOptions = true,
    description = "P2P cluster: who sees whom, push peer lists, restart a node, read its log.")
final class P2pCliCommand implements Callable<Integer> {
  @Mixin FreshOption freshOption = new FreshOption();
  private final CliContext context;

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  Action action = new Action();

  static final class Action {
    @Option(names = "--status", description = "who sees whom: a matrix, partitions, dead peers (the default)")
    boolean status;

    @Option(names = "--discover", description = "push the current peer list to every node")
    boolean discover;

    @Option(names = "--restart", description = "restart --instance's orchestrator and confirm it rejoined")
    boolean restart;

    @Option(names = "--logs", description = "last lines of --instance's orchestrator log (--workers: workers' log)")
    boolean logs;
  }

  @Option(names = "--instance", paramLabel = "vast-ID", description = "the instance for --restart and --logs")
  String instance;

  @Option(names = "--workers", description = "with --logs: the workers' log instead")
  boolean workers;

  P2pCliCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    String line;
    if (action.restart || action.logs) {
      if (instance == null) {
        throw new ParameterException(spec.commandLine(), (action.restart ? "--restart" : "--logs")
            + " needs --instance vast-ID");
      }
      line = action.restart ? "/vast p2p restart " + instance
          : "/vast logs " + instance + (workers ? " workers" : " p2p");
    } else {
      line = action.discover ? "/vast p2p discover" : "/vast p2p status";
    }
    try (Vastbot bot = BotAssembly.open(context, BotAssembly.config(context))) {
      freshOption.applyTo(bot);
      Reply reply = bot.router().route(line, Caller.cli());
      return ReplyPrinter.print(context, reply);
    }
  }
}
