package dev.vastbot.cli;

import dev.vastbot.app.DemoWorld;
import dev.vastbot.app.ExecutorTaskScheduler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vastbot demo}: the embedded default. Everything runs on this machine against a simulated
 * Vast.ai marketplace; {@code /vast ...} lines come from stdin. Piped input runs in order, each
 * reply printed as plain text, and the demo exits at end of input (status 1 if a command failed).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "The whole system against a simulated marketplace; reads /vast lines from stdin.")
final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--seed", defaultValue = "42", description = "marketplace seed (default ${DEFAULT-VALUE})")
  long seed;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    var config = BotAssembly.config(context);
    try (DemoWorld world = DemoWorld.start(config, seed, context.clock(), context.http());
        var scheduler = new ExecutorTaskScheduler(2)) {
      world.bot().startLoops(scheduler);
      boolean interactive = context.interactive();
      if (interactive) {
        context.err().println("vastbot demo: simulated Vast.ai at " + world.apiUrl()
            + ". Type /vast help; exit or Ctrl-D to leave.");
      }
      var in = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
      int failures = new ConsoleSession(world.bot().router(), in, context.out(), interactive).run();
      return failures == 0 ? 0 : FailureReporter.EXIT_FAILED;
    }
  }
}
