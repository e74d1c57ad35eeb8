package dev.vastbot.cli;

import dev.vastbot.app.VastInstancesSync;
import dev.vastbot.app.Vastbot;
import dev.vastbot.app.config.ConfigLoader;
import dev.vastbot.app.config.VastbotConfig;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.view.Reply;
import dev.vastbot.fleet.view.TextRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vastbot p2p-sync}: the old {@code vast_p2p_sync.py} verbs and flags, so a crontab moves
 * over line for line. {@code --check} is the default.
 */
@Command(name = "p2p-sync", mixinStandardHelpOptions = true,
    description = "Instance status, the vast_instances section of distributed_hosts.yaml, provisioning.")
final class P2pSyncCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--check", description = "show every instance's status (the default)")
  boolean check;

  @Option(names = {"--sync", "--update-config"},
      description = "write the vast_instances section of distributed_hosts.yaml")
  boolean sync;

  @Option(names = "--provision", arity = "0..1", fallbackValue = "0", paramLabel = "N",
      description = "rent new instances (N, or --count)")
  Integer provision;

  @Option(names = "--gpu-type", paramLabel = "T", description = "GPU model for --provision, e.g. RTX_4090")
  String gpuType;

  @Option(names = "--count", paramLabel = "N", description = "how many to --provision")
  Integer count;

  @Option(names = "--max-hourly", paramLabel = "USD",
      description = "ceiling on the new instances' combined $/h (spread evenly per instance)")
  Double maxHourly;

  @Option(names = "--dry-run", description = "show what --provision would rent; change nothing")
  boolean dryRun;

  P2pSyncCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    List<String> provisionLine = provision == null ? List.of() : provisionLine();
    VastbotConfig config = BotAssembly.config(context);
    try (Vastbot bot = BotAssembly.open(context, config)) {
      int exit = 0;
      if (provision != null) {
        exit = runLine(bot, provisionLine);
      }
      if (sync) {
        syncHostsFile(bot);
      }
      if (check || (!sync && provision == null)) {
        exit = Math.max(exit, runLine(bot, List.of("/vast", "list")));
      }
      return exit;
    }
  }

  private List<String> provisionLine() {
    int wanted = provision > 0 ? provision : count == null ? 0 : count;
    if (wanted < 1) {
      throw new ParameterException(spec.commandLine(), "--provision needs a count: --provision N or --count N");
    }
    if (gpuType == null) {
      throw new ParameterException(spec.commandLine(), "--provision needs --gpu-type, e.g. --gpu-type RTX_4090");
    }
    List<String> line = new ArrayList<>(dryRun
        ? List.of("/vast", "offers", "--gpu-type", gpuType, "--limit", Integer.toString(wanted))
        : List.of("/vast", "provision", "--gpu-type", gpuType, "--count", Integer.toString(wanted)));
    if (maxHourly != null) {
      line.add("--max-price");
      line.add(String.format(Locale.ROOT, "%.4f", maxHourly / wanted));
    }
    return line;
  }

  private int runLine(Vastbot bot, List<String> words) throws InterruptedException {
    Reply reply = bot.router().route(RoutedLine.join(words), Actor.CLI);
    context.out().print(new TextRenderer().render(reply));
    return reply.failed() ? FailureReporter.EXIT_FAILED : 0;
  }

  private void syncHostsFile(Vastbot bot) {
    var file = ConfigLoader.distributedHosts(BotAssembly.configDir(context));
    List<Instance> instances = bot.provider().listInstances();
    bot.store().recordObservation(instances, context.clock().instant());
    var report = VastInstancesSync.sync(file, instances, context.clock().instant());
    context.out().printf("%s: vast_instances updated: %d listed, %d new, %d no longer listed%n",
        file.path(), report.listed(), report.added(), report.markedGone());
  }
}
