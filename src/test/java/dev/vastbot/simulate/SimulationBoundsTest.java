package dev.vastbot.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The held-at-max floor and the lower bound that respects the group's minimum. */
class SimulationBoundsTest {
  private static SimulationResult run(int min, int max, DemandTrace trace, Market market) {
    var group = SimulationFixtures.group(min, max, SimulationFixtures.generous());
    var policy = SimulationFixtures.policy(group, SimulationFixtures.generous());
    return PolicySimulation.run(
        SimulationFixtures.setup(policy, trace, market, Duration.ofMinutes(5)));
  }

  private static DemandTrace bursty() {
    return SimulationFixtures.hourly(0, 900, 50, 0, 0, 1_200, 0, 0);
  }

  @Test
  void theFloorRowIsTheRunWithTheMinimumRaisedToTheMaximum() {
    var market = SimulationFixtures.market(6, 1.00, 0.05, 8);

    var scaling = run(1, 4, bursty(), market);
    var heldByConfig = run(4, 4, bursty(), market);

    var floor = scaling.heldAtMax();
    assertEquals("held at max", floor.name());
    assertEquals(heldByConfig.vastbot().aboveTargetHours(), floor.aboveTargetHours(), 1e-12);
    assertEquals(heldByConfig.vastbot().costUsd(), floor.costUsd(), 1e-9);
    assertEquals(heldByConfig.vastbot().instanceHours(), floor.instanceHours(), 1e-9);
    // 4 instances for all 8 hours at 1.05 $/h.
    assertEquals(4 * 8 * 1.05, floor.costUsd(), 1e-6);
    assertTrue(floor.aboveTargetHours() <= scaling.vastbot().aboveTargetHours());
    assertTrue(floor.aboveTargetHours() > 0, "900 games in an hour for 400 games/h passes 1 h");
    assertEquals(
        scaling.vastbot().aboveTargetHours() - floor.aboveTargetHours(),
        scaling.aboveFloorHours(scaling.vastbot()),
        1e-12);
  }

  @Test
  void withNoDemandTheMinimumBoundIsTheMinimumAtTheCheapestPrice() {
    var market = SimulationFixtures.market(5, 1.00, 0.05, 6);

    var result = run(3, 5, SimulationFixtures.hourly(0, 0, 0, 0, 0, 0), market);

    assertEquals(0, result.lowerBound().costUsd(), 1e-12);
    assertEquals(3 * 6 * 1.05, result.lowerBoundMin().costUsd(), 1e-9);
    assertEquals(3 * 6, result.lowerBoundMin().instanceHours(), 1e-9);
  }

  @Test
  void theMinimumBoundIsAtLeastTodaysAndTheMinimumsCost() {
    var market = SimulationFixtures.market(6, 1.00, 0.05, 8);

    for (int min = 0; min <= 4; min++) {
      var result = run(min, 4, bursty(), market);
      var bound = result.lowerBoundMin().costUsd();
      assertTrue(bound >= result.lowerBound().costUsd() - 1e-9, "min " + min + ": " + bound);
      assertTrue(bound >= min * 8 * 1.05 - 1e-9, "min " + min + ": " + bound);
      for (var outcome : java.util.List.of(result.vastbot(), result.oldRules(), result.heldAtMax())) {
        assertTrue(bound <= outcome.costUsd() + 1e-9, "min " + min + ": " + outcome);
      }
    }
    // 2 of them (2.10 $/h, 200 games/h) have 1,400 games of room from hour 1 to the end, where
    // 900 + 50 + 1,200 games arrive (games may wait): 750 games at 1.05 $ per 100 more.
    var two = run(2, 4, bursty(), market);
    assertEquals(2 * 8 * 1.05 + 750 * 1.05 / 100, two.lowerBoundMin().costUsd(), 1e-6);
    assertEquals(2 * 8 + 750 / 100.0, two.lowerBoundMin().instanceHours(), 1e-6);
  }

  @Test
  void noPolicyCostsLessWhateverTheTarget() {
    var market = SimulationFixtures.market(6, 1.00, 0.05, 8);
    for (int min = 0; min <= 4; min++) {
      var group = SimulationFixtures.group(min, 4, SimulationFixtures.generous());
      var policy = SimulationFixtures.policy(group, SimulationFixtures.generous());
      var setup =
          new SimulationSetup(
              policy, group, bursty(), market, Duration.ofMinutes(5), 0.10, false, 1_000, 1);

      var result = PolicySimulation.run(setup);

      for (var outcome : java.util.List.of(result.vastbot(), result.oldRules(), result.heldAtMax())) {
        assertTrue(
            result.lowerBoundMin().costUsd() <= outcome.costUsd() + 1e-9, "min " + min + ": " + outcome);
      }
    }
  }

  @Test
  void theWithinTargetFigureLetsNoGameWaitLongerThanTheTarget() {
    var two = run(2, 4, bursty(), SimulationFixtures.market(6, 1.00, 0.05, 8));

    // Each game waiting at most the 1-hour target: of the 900 of hour 1 the two play 200 in hour 1
    // and 200 in hour 2 (the 50 of hour 2 wait behind them and play in hour 3), and of the 1,200
    // of hour 5 they play 400: 500 + 800 games at 1.05 $ per 100 more.
    assertEquals(
        2 * 8 * 1.05 + 1_300 * 1.05 / 100,
        MinimumLowerBound.withinTargetCost(two.setup(), two.best()),
        1e-6);
  }

  @Test
  void gamesWaitForLaterCapacityOnlyWithinTheirWindow() {
    // 10 games a minute of capacity; a game may wait 2 minutes after its own.
    assertEquals(0, MinimumLowerBound.unabsorbed(new double[] {30, 0, 0}, 10, 2), 1e-12);
    assertEquals(5, MinimumLowerBound.unabsorbed(new double[] {35, 0, 0}, 10, 2), 1e-12);
    assertEquals(20, MinimumLowerBound.unabsorbed(new double[] {30, 0, 0, 0}, 10, 0), 1e-12);
    assertEquals(20, MinimumLowerBound.unabsorbed(new double[] {0, 0, 30}, 10, 2), 1e-12);
    // Oldest first: the 20 of minute 0 take minutes 0 and 1, the 20 of minute 1 minutes 2 and 3.
    assertEquals(0, MinimumLowerBound.unabsorbed(new double[] {20, 20, 0, 0}, 10, 2), 1e-12);
    assertEquals(10, MinimumLowerBound.unabsorbed(new double[] {20, 20, 0, 0}, 10, 1), 1e-12);
  }
}
