package dev.vastbot.cli;

import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vastbot sim}: the simulated Vast.ai API on its own, for {@code serve}, the CLI verbs and
 * benchmarks. Prints {@code VAST_API_URL=...} and {@code VAST_API_KEY=...} (a key for the
 * simulation only) and runs until stopped. Faults are switched with {@code POST /_sim/faults}.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Run the simulated Vast.ai API on loopback until stopped.")
final class SimCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--port", defaultValue = "0", description = "port on 127.0.0.1 (0 = any free port)")
  int port;

  @Option(names = "--seed", defaultValue = "42", description = "marketplace seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--rate-limit", description = "enforce Vast's per-endpoint request intervals")
  boolean rateLimit;

  SimCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    var settings = SimSettings.defaults().withSeed(seed).withRateLimit(rateLimit);
    var marketplace = new SimMarketplace(context.clock(), settings);
    var stopped = new CountDownLatch(1);
    try (SimVastServer server = SimVastServer.start(marketplace, port)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      context.out().println("VAST_API_URL=" + server.apiUrl());
      context.out().println("VAST_API_KEY=" + marketplace.apiKey());
      context.out().flush();
      stopped.await();
    }
    return 0;
  }
}
