package dev.vastbot.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each shipped trace runs through the simulator with the shipped policy and prints the table. */
class SimulationShippedTracesTest {
  private static final Path TRACES = Path.of("bench/traces");

  @ParameterizedTest
  @ValueSource(strings = {"steady.csv", "daily-cycle.csv", "bursts.csv", "sessions.csv"})
  void printsTheThreeRowsAndTheLowerBoundIsBelowBothPolicies(String name) {
    var config = ConfigLoader.load(TRACES.resolve("config"), Map.of(), Path.of("."));
    var trace = TraceCsv.read(TRACES.resolve(name));
    assertEquals(720, trace.rows().size());
    assertEquals(Duration.ofDays(30).toMinutes(), trace.minutes());

    var result =
        new PolicySimulation(
                Optional.empty(), 1, PolicySimulation.DEFAULT_BOOT,
                PolicySimulation.DEFAULT_CATALOGUES, 0.10, false, OptionalDouble.empty())
            .run(config.autoscaler(), trace);
    var lines = SimulationReport.lines(result);

    assertTrue(lines.get(0).contains(TRACES.resolve(name).toString()), lines.get(0));
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("vastbot ")), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("old rules ")));
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("lower bound ")));
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("vastbot cost ≤ 1.25× the lower bound respecting min_instances: ")));
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("NEEDS_APPROVAL decisions: ")));
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("held at max ")));
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("lower bound min ")));
    assertTrue(result.lowerBoundMin().costUsd() >= result.lowerBound().costUsd() - 1e-6);
    assertTrue(result.lowerBoundMin().costUsd() <= result.vastbot().costUsd());
    assertTrue(result.heldAtMax().aboveTargetHours() <= result.vastbot().aboveTargetHours());
    var lowerBound = result.lowerBound().costUsd();
    assertTrue(lowerBound > 0);
    assertTrue(lowerBound <= result.vastbot().costUsd(), result.vastbot().toString());
    assertTrue(lowerBound <= result.oldRules().costUsd(), result.oldRules().toString());
    assertTrue(result.oldRules().instanceHours() > 0);
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("- at the group's maximum (10 rented): vastbot ")));
    for (var outcome : java.util.List.of(result.vastbot(), result.oldRules())) {
      assertTrue(outcome.atMaximumHours() >= 0 && outcome.atMaximumHours() <= trace.minutes() / 60.0,
          outcome.toString());
      assertTrue(outcome.atMaximumHours() <= outcome.instanceHours() / 10, "at the maximum, 10 are rented");
    }
  }
}
