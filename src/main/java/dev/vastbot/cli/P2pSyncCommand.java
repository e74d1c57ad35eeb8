package dev.vastbot.cli;

import dev.vastbot.app.Vastbot;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.p2p.JoinResult;
import dev.vastbot.hosts.VastInstancesSync;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vastbot p2p-sync}: the old {@code vast_p2p_sync.py} verbs and flags, so a crontab moves
 * over line for line. {@code --check} is the default.
 */
@Command(name = "p2p-sync", mixinStandardHelpOptions = true,
    description = "Instance status, the vast_instances section of distributed_hosts.yaml, P2P start, "
        + "provisioning.")
final class P2pSyncCommand implements Callable<Integer> {
  @Mixin FreshOption freshOption = new FreshOption();
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--check", description = "show every instance's status (the default)")
  boolean check;

  @Option(names = {"--sync", "--update-config"},
      description = "write the vast_instances section of distributed_hosts.yaml")
  boolean sync;

  @Option(names = "--start-p2p", description = "start the P2P orchestrator where it does not answer")
  boolean startP2p;

  @Option(names = "--full", description = "--check, --sync and --start-p2p")
  boolean full;

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
      freshOption.applyTo(bot);
      int exit = 0;
      if (provision != null) {
        exit = runLine(bot, provisionLine);
      }
      if (sync || full) {
        syncHostsFile(bot);
      }
      if (startP2p || full) {
        exit = Math.max(exit, startP2p(bot));
      }
      if (check || full || (!sync && !startP2p && provision == null)) {
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

  private int startP2p(Vastbot bot) throws InterruptedException {
    Map<Long, JoinResult> started = bot.p2p().startWhereDown();
    if (started.isEmpty()) {
      context.out().println("P2P: every running instance's orchestrator answers; nothing started.");
    }
    started.values().forEach(join -> context.out().printf("vast-%d: orchestrator started; %s%n",
        join.instanceId(), join.detail()));
    return started.values().stream().allMatch(JoinResult::healthy) ? 0 : FailureReporter.EXIT_FAILED;
  }

  private int runLine(Vastbot bot, List<String> words) throws InterruptedException {
    return ReplyPrinter.print(context, bot.router().route(bot.router().parse(words), Caller.cli()));
  }

  private void syncHostsFile(Vastbot bot) {
    var file = ConfigLoader.distributedHosts(BotAssembly.configDir(context));
    List<Instance> instances = bot.snapshots().current().instances();
    Map<Long, String> tailscale = bot.p2p().tailscaleIps(instances);
    var report = VastInstancesSync.sync(file, instances, tailscale, context.clock().instant());
    context.out().printf("%s: vast_instances updated: %d listed, %d new, %d no longer listed%n",
        file.path(), report.listed(), report.added(), report.markedGone());
  }
}
