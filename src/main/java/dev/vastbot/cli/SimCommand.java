package dev.vastbot.cli;

import dev.vastbot.app.TempFolders;
import dev.vastbot.sim.ExternalHostAttachment;
import dev.vastbot.sim.HangingHostAttachment;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.sim.host.SimHostFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vastbot sim}: the simulated Vast.ai API on its own, for {@code serve}, the CLI verbs and
 * benchmarks. Prints {@code VAST_API_URL=...} and {@code VAST_API_KEY=...} (a key for the
 * simulation only) and runs until stopped. Faults are switched with {@code POST /_sim/faults}.
 * {@code --instances N} starts with N instances already on the account; {@code --hosts} gives each
 * running instance a simulated SSH host (one SSH server on 127.0.0.1 each, in a temporary folder
 * removed at exit); without it, running instances have SSH addresses where nothing listens, or with
 * {@code --hanging-hosts P} for P % of them, a listener that never answers.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Run the simulated Vast.ai API on loopback until stopped.")
final class SimCommand implements Callable<Integer> {
  private static final long CLEANUP_SECONDS = 30;

  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "0", description = "port on 127.0.0.1 (0 = any free port)")
  int port;

  @Option(names = "--seed", defaultValue = "42", description = "marketplace seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--restart-seconds", defaultValue = "60", paramLabel = "SECONDS",
      description = "how long a stopped instance takes to run again when started (default ${DEFAULT-VALUE})")
  private long restartSeconds;

  @Option(names = "--gpu-taken-hours", defaultValue = "24", paramLabel = "HOURS",
      description = "a start after h hours stopped finds the GPU taken with probability 1 - exp(-h / HOURS);"
          + " 0: never (default ${DEFAULT-VALUE})")
  private double gpuTakenHours;

  @Option(names = "--rate-limit", description = "enforce Vast's per-endpoint request intervals")
  boolean rateLimit;

  @Option(names = "--instances", defaultValue = "0", paramLabel = "N",
      description = "start with N instances already on the account (labels seed-0001...; about 92 in"
          + " 100 running, the rest stopped, exited or offline; drawn from --seed; default none)")
  int instances;

  @Option(names = "--hosts",
      description = "a simulated SSH host for every running instance: one SSH server on 127.0.0.1"
          + " each, costly at hundreds (see bench/README.md); default: unreachable SSH addresses")
  boolean hosts;

  @Option(names = "--hanging-hosts", defaultValue = "0", paramLabel = "PERCENT",
      description = "without --hosts: this share of the running instances get an SSH address where a"
          + " listener takes the TCP connection and never answers (a hung sshd); the rest, an address"
          + " where nothing listens (default ${DEFAULT-VALUE})")
  int hangingHosts;

  @Option(names = "--ssh-endpoint", paramLabel = "127.0.0.1:PORT",
      description = "every running instance reports this SSH endpoint, a server of your own on"
          + " 127.0.0.0/8 (bench/sync points it at a real OpenSSH sshd); not with --hosts or"
          + " --hanging-hosts")
  String sshEndpoint;

  SimCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (instances < 0) {
      throw new ParameterException(spec.commandLine(), "--instances must not be negative");
    }
    if (hangingHosts < 0 || hangingHosts > 100 || (hosts && hangingHosts > 0)) {
      throw new ParameterException(spec.commandLine(), "--hanging-hosts is a percentage (0..100), without --hosts");
    }
    if (restartSeconds < 0 || !(gpuTakenHours >= 0) || Double.isInfinite(gpuTakenHours)) {
      throw new ParameterException(spec.commandLine(), "--restart-seconds and --gpu-taken-hours must be at least 0");
    }
    ExternalHostAttachment external = externalHost();
    var settings = SimSettings.defaults().withSeed(seed).withRateLimit(rateLimit).withRestarts(
        Duration.ofSeconds(restartSeconds), Duration.ofMillis(Math.round(gpuTakenHours * 3_600_000)));
    var marketplace = new SimMarketplace(context.clock(), settings);
    var stopped = new CountDownLatch(1);
    var cleanedUp = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopped.countDown();
      awaitQuietly(cleanedUp);
    }));
    Path hostsDir = null;
    SimHostFleet hostFleet = null;
    HangingHostAttachment hung = null;
    try {
      if (external != null) {
        marketplace.setHostAttachment(external);
      }
      if (hangingHosts > 0) {
        hung = new HangingHostAttachment(hangingHosts);
        marketplace.setHostAttachment(hung);
      }
      if (hosts) {
        hostsDir = Files.createTempDirectory("vastbot-sim-hosts-");
        hostFleet = new SimHostFleet(hostsDir, marketplace::authorizedKeys, seed);
        marketplace.setHostAttachment(hostFleet);
      }
      if (instances > 0) {
        marketplace.seedInstances(instances);
      }
      try (SimVastServer server = SimVastServer.start(marketplace, port)) {
        context.out().println("VAST_API_URL=" + server.apiUrl());
        context.out().println("VAST_API_KEY=" + marketplace.apiKey());
        if (instances > 0) {
          context.out().println("SIM_INSTANCES=" + instances);
        }
        if (hostFleet != null) {
          context.out().println("SIM_HOSTS=" + hostFleet.attachedHosts().size());
        }
        if (hung != null) {
          context.out().println("SIM_HANGING_HOSTS=" + hung.hangingNow());
        }
        if (external != null) {
          context.out().println("SIM_SSH_ENDPOINT=" + external.endpoint().getHostString() + ":"
              + external.endpoint().getPort());
        }
        if (hostsDir != null) {
          context.out().println("SIM_HOSTS_DIR=" + hostsDir);
        }
        context.out().flush();
        stopped.await();
      }
    } finally {
      if (hung != null) {
        hung.close();
      }
      if (hostFleet != null) {
        hostFleet.close();
      }
      if (hostsDir != null) {
        TempFolders.deleteRecursively(hostsDir);
      }
      cleanedUp.countDown();
    }
    return 0;
  }

  /** The {@code --ssh-endpoint} attachment, or null without the flag; checked before anything starts. */
  private ExternalHostAttachment externalHost() {
    if (sshEndpoint == null) {
      return null;
    }
    if (hosts || hangingHosts > 0) {
      throw new ParameterException(spec.commandLine(), "--ssh-endpoint goes without --hosts and --hanging-hosts");
    }
    try {
      return ExternalHostAttachment.parse(sshEndpoint);
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), "--ssh-endpoint: " + bad.getMessage());
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(CLEANUP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
