package dev.vastbot.cli;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.access.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vastbot offers}: the console's {@code /vast offers} for a shell. */
@Command(name = "offers", mixinStandardHelpOptions = true,
    description = "Search the Vast.ai marketplace, cheapest first.")
final class OffersCliCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--gpu-type", paramLabel = "T", description = "GPU model, e.g. RTX_4090")
  String gpuType;

  @Option(names = "--max-price", paramLabel = "P", description = "highest price per hour, USD")
  String maxPrice;

  @Option(names = "--limit", paramLabel = "N", description = "how many offers (default 10)")
  String limit;

  OffersCliCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    List<String> line = new ArrayList<>(List.of("/vast", "offers"));
    addOption(line, "gpu-type", gpuType);
    addOption(line, "max-price", maxPrice);
    addOption(line, "limit", limit);
    try (Vastbot bot = BotAssembly.open(context, BotAssembly.config(context))) {
      Reply reply = bot.router().route(bot.router().parse(line), Caller.cli());
      return ReplyPrinter.print(context, reply);
    }
  }

  private static void addOption(List<String> line, String name, String value) {
    if (value != null) {
      line.add("--" + name);
      line.add(value);
    }
  }
}
