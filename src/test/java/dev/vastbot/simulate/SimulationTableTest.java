package dev.vastbot.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench table over a folder of traces: a row per trace and seed, PASS/MISS, a summary. */
class SimulationTableTest {
  @TempDir Path dir;

  @Test
  void printsEachTraceAndSeedWithItsVerdictAndASummary() throws Exception {
    var config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        config.resolve("vastbot.yaml"),
        "autoscaler:\n  groups:\n    gpus-4090:\n      min_instances: 1\n      max_instances: 3\n"
            + "      gpu_types: [RTX 4090]\n      games_per_hour: {RTX 4090: 300}\n");
    var rows = new StringBuilder("time,games\n");
    for (int hour = 0; hour < 12; hour++) {
      rows.append(String.format("2026-11-01T%02d:00:00Z,%d%n", hour, hour % 4 == 0 ? 900 : 100));
    }
    Files.writeString(dir.resolve("small.csv"), rows);
    var bytes = new ByteArrayOutputStream();

    SimulationTable.run(
        SimulationTable.Options.parse(new String[] {dir.toString(), "--seeds", "2"}),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));

    var lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.get(0).startsWith("trace "), lines.get(0));
    var vastbotRows = lines.stream().filter(line -> line.contains(" vastbot ")).toList();
    assertEquals(2, vastbotRows.size(), String.join("\n", lines));
    assertTrue(vastbotRows.get(0).startsWith("small "), vastbotRows.get(0));
    assertTrue(
        vastbotRows.stream().allMatch(line -> line.contains("PASS") || line.contains("MISS")));
    var summary = lines.get(lines.size() - 1);
    assertTrue(summary.matches("(PASS|MISS): \\d of 2 runs meet every target.*"), summary);
  }

  @Test
  void badOptionsAreNamed() {
    var unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> SimulationTable.Options.parse(new String[] {"--speed", "3"}));
    var noValue =
        assertThrows(
            IllegalArgumentException.class,
            () -> SimulationTable.Options.parse(new String[] {"--seeds"}));

    assertEquals("unknown option --speed", unknown.getMessage());
    assertEquals("--seeds needs a value", noValue.getMessage());
  }
}
