package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code autoscaler simulate}: the table on a tiny trace; bad input is one line and exit 2. */
class SimulateCliTest {
  @TempDir Path dir;
  private CliHarness cli;
  private Path trace;

  @BeforeEach
  void setUp() throws Exception {
    var config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        config.resolve("vastbot.yaml"),
        "autoscaler:\n  groups:\n    gpus-4090:\n      min_instances: 1\n      max_instances: 3\n"
            + "      gpu_types: [RTX 4090]\n      games_per_hour: {RTX 4090: 300}\n");
    cli = new CliHarness(Map.of("VASTBOT_CONFIG_DIR", config.toString()), dir, Clock.systemUTC());
    trace = dir.resolve("trace.csv");
    var rows = new StringBuilder("time,games_enqueued\n");
    for (int hour = 0; hour < 24; hour++) {
      rows.append(String.format("2026-11-01T%02d:00:00Z,%d%n", hour, hour < 12 ? 600 : 200));
    }
    Files.writeString(trace, rows);
  }

  @Test
  void printsTheTableForTheFirstGroup() {
    var run = cli.run("", "autoscaler", "simulate", "--trace", trace.toString());

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("group gpus-4090 (1..3 instances, RTX 4090"), run.out());
    assertTrue(run.out().lines().anyMatch(line -> line.startsWith("vastbot ")), run.out());
    assertTrue(run.out().lines().anyMatch(line -> line.startsWith("old rules ")), run.out());
    assertTrue(run.out().lines().anyMatch(line -> line.startsWith("lower bound ")), run.out());
    assertTrue(run.out().contains("vastbot budget violations = 0: "), run.out());
  }

  @Test
  void theSameSeedGivesTheSameTable() {
    var first = cli.run("", "autoscaler", "simulate", "--trace", trace.toString(), "--seed", "7");
    var second = cli.run("", "autoscaler", "simulate", "--trace", trace.toString(), "--seed", "7");

    assertEquals(first.out(), second.out());
  }

  @Test
  void aMalformedLineIsNamedWithFileAndLine() throws Exception {
    Files.writeString(trace, "time,games_enqueued\n2026-11-01T00:00:00Z,5\n2026-11-01T01:00:00Z,lots\n");

    var run = cli.run("", "autoscaler", "simulate", "--trace", trace.toString());

    assertEquals(2, run.exitCode());
    assertEquals("vastbot: " + trace + ":3: 'lots' is not a number of games", run.err().strip());
  }

  @Test
  void aMissingFileAndAnUnknownGroupAreNamed() {
    var missing = cli.run("", "autoscaler", "simulate", "--trace", dir.resolve("no.csv").toString());
    var unknown =
        cli.run("", "autoscaler", "simulate", "--trace", trace.toString(), "--group", "h100");

    assertEquals(2, missing.exitCode());
    assertEquals("vastbot: " + dir.resolve("no.csv") + ": no such trace file", missing.err().strip());
    assertEquals(2, unknown.exitCode());
    assertEquals(
        "vastbot: no autoscaler group 'h100'; the policy has: gpus-4090", unknown.err().strip());
    assertFalse(unknown.err().contains("\tat "), unknown.err());
  }

  @Test
  void aWarmPoolGroupShowsItsPoolAndBadRestartOptionsAreRefused() throws Exception {
    Files.writeString(
        dir.resolve("config").resolve("vastbot.yaml"),
        "autoscaler:\n  groups:\n    gpus-4090:\n      min_instances: 1\n      max_instances: 3\n"
            + "      gpu_types: [RTX 4090]\n      games_per_hour: {RTX 4090: 300}\n"
            + "      warm_pool: {size: 2, max_disk_gb: 100, max_stopped_hours: 12}\n");

    var run = cli.run("", "autoscaler", "simulate", "--trace", trace.toString(),
        "--restart-minutes", "2", "--gpu-taken-hours", "6");
    var refused = cli.run("", "autoscaler", "simulate", "--trace", trace.toString(),
        "--gpu-taken-hours", "0");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("warm pool: up to 2 stopped (disk at most 100 GB, kept at most 12.0 h,"
        + " storage billed); restart 2 min; a stopped GPU is taken with probability"
        + " 1 - exp(-hours / 6.0)"), run.out());
    assertTrue(run.out().lines().anyMatch(line -> line.startsWith("held at max ")), run.out());
    assertTrue(run.out().lines().anyMatch(line -> line.startsWith("lower bound min ")), run.out());
    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains("--gpu-taken-hours greater than 0"), refused.err());
  }

  @Test
  void autoscalerWithNeitherAnActionNorASubcommandSaysWhatToGive() {
    var run = cli.run("", "autoscaler");

    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().contains("give one of --check, --scale-up, --scale-down, --policy, --cost, or a subcommand: simulate --trace FILE.csv"),
        run.err());
  }
}
