package dev.vastbot.bench;

import dev.vastbot.cli.CliContext;
import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.health.ProbeScript;
import dev.vastbot.fleet.health.ProbeSettings;
import dev.vastbot.fleet.port.HostKeyPins;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.ssh.MinaRemoteShell;
import dev.vastbot.ssh.SshSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code BenchMain bench-sweep}: the vastbot side of {@code bench/sweep}. Sweeps the given hosts
 * with the health command on one {@link MinaRemoteShell}, several rounds: round 1 opens new
 * sessions (cold), later rounds reuse them (warm), as the long-running bot does. Prints per round
 * the wall time, the CPU time this JVM spent in the round, and how many hosts answered; at the
 * end the process's CPU since JVM start.
 */
@Command(name = "bench-sweep", mixinStandardHelpOptions = true,
    description = "Benchmark: sweep hosts with the health command, cold then warm.")
final class SweepBenchCommand implements Callable<Integer> {
  private static final ProbeSettings PROBE =
      new ProbeSettings("app.training.generate_data", "echo 0", 8770, "/health");
  private static final int FAILURES_SHOWN = 3;

  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--hosts", paramLabel = "FILE",
      description = "one target a line: 127.0.0.1:PORT")
  Path hostsFile;

  @Option(names = "--key", paramLabel = "FILE", description = "client private key")
  Path key;

  @Option(names = "--print-command",
      description = "print the default health command (for the other tools) and exit")
  boolean printCommand;

  @Option(names = "--command-file", paramLabel = "FILE",
      description = "the command to run (default: the health probe script)")
  Path commandFile;

  @Option(names = "--fan-out", defaultValue = "100", description = "hosts at once (default ${DEFAULT-VALUE})")
  int fanOut;

  @Option(names = "--deadline-seconds", defaultValue = "60",
      description = "deadline of one sweep (default ${DEFAULT-VALUE})")
  int deadlineSeconds;

  @Option(names = "--rounds", defaultValue = "3",
      description = "sweeps on the same shell: 1 cold, then warm (default ${DEFAULT-VALUE})")
  int rounds;

  SweepBenchCommand(CliContext context) {
    this.context = context;
  }

  /** What one sweep cost and how it went. */
  record Round(long wallNanos, long cpuNanos, int ok, List<String> failures) {}

  @Override
  public Integer call() throws IOException {
    if (printCommand) {
      context.out().println(ProbeScript.build(PROBE));
      context.out().flush();
      return 0;
    }
    if (hostsFile == null || key == null) {
      throw new ParameterException(spec.commandLine(), "--hosts and --key are required");
    }
    List<SshTarget> targets = readTargets(hostsFile);
    String command = commandFile == null ? ProbeScript.build(PROBE) : Files.readString(commandFile);
    var deadline = Duration.ofSeconds(deadlineSeconds);
    var settings = SshSettings.defaults(key).withFanOut(fanOut).withTimeouts(deadline, deadline);
    var out = context.out();
    out.printf("vastbot bench-sweep: %d hosts, fan-out %d, %d rounds%n", targets.size(), fanOut,
        rounds);
    try (var shell = MinaRemoteShell.start(settings, new MemoryPins(), context.clock())) {
      for (int round = 1; round <= rounds; round++) {
        Round result = sweep(shell, targets, command, deadline);
        out.printf("round %d %s: wall_ms=%d cpu_ms=%d ok=%d fail=%d open_sessions=%d%n", round,
            round == 1 ? "cold" : "warm", millis(result.wallNanos()), millis(result.cpuNanos()),
            result.ok(), targets.size() - result.ok(), shell.openSessions());
        result.failures().stream().limit(FAILURES_SHOWN)
            .forEach(failure -> out.println("  failed: " + failure));
      }
    }
    out.printf("process cpu_ms=%d (user+sys since JVM start, from /proc/self/stat)%n",
        millis(processCpuNanos()));
    out.flush();
    return 0;
  }

  private static Round sweep(MinaRemoteShell shell, List<SshTarget> targets, String command,
      Duration deadline) {
    long cpuBefore = jvmCpuNanos();
    long started = System.nanoTime();
    Map<Long, ShellOutcome> outcomes = shell.runOnAll(targets, command, deadline);
    long wall = System.nanoTime() - started;
    long cpu = jvmCpuNanos() - cpuBefore;
    return new Round(wall, cpu, countSucceeded(outcomes.values()), failures(outcomes.values()));
  }

  private static int countSucceeded(Collection<ShellOutcome> outcomes) {
    return (int) outcomes.stream().filter(ShellOutcome::succeeded).count();
  }

  private static List<String> failures(Collection<ShellOutcome> outcomes) {
    return outcomes.stream().filter(outcome -> !outcome.succeeded())
        .map(outcome -> outcome.completed()
            ? "exit " + outcome.exitCode() + ": " + outcome.stderr().strip()
            : outcome.failure() + ": " + outcome.message())
        .toList();
  }

  static List<SshTarget> readTargets(Path file) throws IOException {
    var targets = new ArrayList<SshTarget>();
    for (String line : Files.readAllLines(file)) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      int colon = entry.lastIndexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException(file + ": expected HOST:PORT, got \"" + entry + "\"");
      }
      var address = new HostPort(entry.substring(0, colon),
          Integer.parseInt(entry.substring(colon + 1)));
      targets.add(new SshTarget(targets.size() + 1L, address));
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException(file + ": no hosts");
    }
    return targets;
  }

  /** CPU time (user + sys) of all of this JVM's threads so far. */
  private static long jvmCpuNanos() {
    var os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    return os.getProcessCpuTime();
  }

  /** utime + stime of this process, JVM start included (the JDK reads /proc/self/stat). */
  private static long processCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  private static long millis(long nanos) {
    return nanos < 0 ? -1 : nanos / 1_000_000;
  }

  /** Host key pins for one benchmark run: trust on first use, in memory. */
  private static final class MemoryPins implements HostKeyPins {
    private final Map<Long, String> pins = new ConcurrentHashMap<>();

    @Override
    public Optional<String> pinnedKey(long instanceId) {
      return Optional.ofNullable(pins.get(instanceId));
    }

    @Override
    public void pin(long instanceId, String publicKey, Instant at) {
      pins.putIfAbsent(instanceId, publicKey);
    }

    @Override
    public void unpin(long instanceId) {
      pins.remove(instanceId);
    }
  }
}
