package dev.vastbot.simulate;

import static dev.vastbot.simulate.SimulationFixtures.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.Throughput;
import dev.vastbot.fleet.autoscale.WarmPool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The warm pool in the simulated fleet: stops, storage, restarts, taken GPUs, expiry, seeds. */
class SimulationWarmPoolTest {
  private static final Throughput THROUGHPUT = new Throughput(Map.of("RTX 4090", 100.0), 100);
  private static final Duration BOOT = Duration.ofMinutes(5);
  private static final WarmPool POOL = new WarmPool(2, 100, Duration.ofHours(48));
  private static final Market MARKET = SimulationFixtures.market(6, 1.00, 0.12, 1);

  /** {@code count} instances running at {@link START}, the rest of the market still listed. */
  private static FleetState running(int count) {
    return FleetState.empty(START)
        .rent(MARKET.listedAt(0, Set.of()).subList(0, count), Duration.ZERO, THROUGHPUT);
  }

  private static SimulatedWarmPool pool(WarmPool pool, Restarts restarts, long seed) {
    return new SimulatedWarmPool(pool, SimulationFixtures.DISK_GB, BOOT, restarts, seed);
  }

  private static FleetState later(FleetState fleet, Duration after) {
    var now = fleet.now().plus(after);
    return new FleetState(
        now, fleet.queue(), fleet.instances(), fleet.lastScaleUp(), fleet.lastScaleDown(),
        fleet.nextInstanceId());
  }

  @Test
  void aScaleDownStopsUpToThePoolSizeAndStoppedMembersPayStorageOnly() {
    var fleet = running(3);

    var actions = pool(POOL, Restarts.DEFAULT, 1).scaleDown(fleet, List.of(1L, 2L, 3L), List.of());
    var after = actions.applyTo(fleet, BOOT, THROUGHPUT);

    assertEquals(List.of(1L, 2L), actions.stop());
    assertEquals(List.of(3L), actions.terminate());
    assertEquals(2, after.stopped().size());
    assertEquals(0, after.active().size());
    var minute = MinuteStep.advance(after, 0, 0.10);
    assertEquals(2 * 0.12 / 60, minute.cost(), 1e-12);
    assertEquals(0, minute.activeInstances());
  }

  @Test
  void withoutAPoolEveryScaleDownGivesTheMachineBack() {
    var actions =
        pool(WarmPool.NONE, Restarts.DEFAULT, 1).scaleDown(running(2), List.of(1L, 2L), List.of());

    assertEquals(List.of(), actions.stop());
    assertEquals(List.of(1L, 2L), actions.terminate());
  }

  @Test
  void aScaleUpRestartsAMemberWhichRunsAfterTheRestartDelayNotTheBoot() {
    var stopped = running(1).stop(List.of(1L));
    var fleet = later(stopped, Duration.ofMinutes(10)).withQueue(1_000);
    var offers = MARKET.listedAt(0, fleet.rentedOfferIds()).subList(0, 2);
    var restarts = new Restarts(Duration.ofMinutes(2), 1e9); // never taken

    var actions = pool(POOL, restarts, 1).scaleUp(fleet, offers, List.of());
    var next = actions.applyTo(fleet, BOOT, THROUGHPUT);

    assertEquals(List.of(1L), actions.restart());
    assertEquals(List.of(offers.get(0)), actions.rent(), "one fresh rent for the rest");
    var member = next.instances().get(0);
    assertEquals(fleet.now().plus(Duration.ofMinutes(2)), member.runningAt());
    assertEquals(fleet.now().plus(BOOT), next.instances().get(1).runningAt());
    assertEquals(Set.of(), Set.copyOf(next.stopped()));
    var played = 0.0;
    for (int minute = 0; minute < 5; minute++) {
      var step = MinuteStep.advance(next, 0, 0.10);
      played += step.gamesPlayed();
      next = step.next();
    }
    // The member plays from minute 2 (3 minutes at 100 games/h); the fresh one boots until 5.
    assertEquals(3 * 100 / 60.0, played, 1e-9);
  }

  @Test
  void aMemberWhoseGpuWasTakenIsDestroyedAndAFreshRentTakesItsPlace() {
    var fleet = later(running(2).stop(List.of(1L, 2L)), Duration.ofHours(1));
    var offers = MARKET.listedAt(0, fleet.rentedOfferIds()).subList(0, 2);
    var alwaysTaken = new Restarts(Duration.ofMinutes(1), 1e-9);

    var actions = pool(POOL, alwaysTaken, 1).scaleUp(fleet, offers, List.of());
    var next = actions.applyTo(fleet, BOOT, THROUGHPUT);

    assertEquals(List.of(), actions.restart());
    assertEquals(Set.of(1L, 2L), Set.copyOf(actions.terminate()));
    assertEquals(offers, actions.rent());
    assertEquals(2, next.instances().size());
    assertTrue(next.instances().stream().allMatch(instance -> instance.id() > 2));
  }

  @Test
  void theTakenProbabilityGrowsWithHoursStopped() {
    var restarts = Restarts.DEFAULT;

    assertEquals(0, restarts.takenProbability(Duration.ZERO), 1e-12);
    assertEquals(1 - Math.exp(-1), restarts.takenProbability(Duration.ofHours(24)), 1e-12);
    assertTrue(
        restarts.takenProbability(Duration.ofHours(2))
            < restarts.takenProbability(Duration.ofHours(12)));
  }

  @Test
  void membersPastMaxStoppedOrNotWorthTheirStorageAreDestroyed() {
    var shortPool = new WarmPool(2, 100, Duration.ofHours(3));
    var fleet = running(1).stop(List.of(1L));
    // A 10-hour boot saves far more than 3 hours of storage: only max_stopped_hours ends it.
    var model =
        new SimulatedWarmPool(
            shortPool, SimulationFixtures.DISK_GB, Duration.ofHours(10), Restarts.DEFAULT, 1);

    assertEquals(List.of(), model.expired(later(fleet, Duration.ofHours(2))));
    assertEquals(List.of(1L), model.expired(later(fleet, Duration.ofHours(3))));
    // 0.12 $/h of storage against 1.12 $/h over the 4 minutes a restart saves (0.0747 $): kept
    // 37 minutes, gone at 38.
    var longPool = pool(new WarmPool(2, 100, Duration.ofHours(48)), Restarts.DEFAULT, 1);
    assertEquals(List.of(), longPool.expired(later(fleet, Duration.ofMinutes(37))));
    assertEquals(List.of(1L), longPool.expired(later(fleet, Duration.ofMinutes(38))));
  }

  @Test
  void aPoolTooSmallForTheDiskKeepsNothing() {
    var tiny = new WarmPool(2, SimulationFixtures.DISK_GB - 1, Duration.ofHours(48));

    var actions = pool(tiny, Restarts.DEFAULT, 1).scaleDown(running(1), List.of(1L), List.of());

    assertEquals(List.of(), actions.stop());
    assertEquals(List.of(1L), actions.terminate());
  }

  private static SimulationSetup setupWithPool(WarmPool warmPool, Restarts restarts, long seed) {
    var plain = SimulationFixtures.group(0, 4, SimulationFixtures.generous());
    var group =
        new GroupPolicy(
            plain.name(), 0, 4, plain.demand(), plain.throughput(), plain.hysteresis(),
            plain.pacing(), plain.offers(), plain.budget(), plain.windows(), true, warmPool);
    var policy = SimulationFixtures.policy(group, SimulationFixtures.generous());
    var games = new double[48];
    for (int hour = 0; hour < games.length; hour++) {
      games[hour] = hour % 3 == 0 ? 300 : 0;
    }
    return new SimulationSetup(
        policy, group, SimulationFixtures.hourly(games), SimulationFixtures.market(8, 1.00, 0.01, 48),
        Duration.ofMinutes(30), 0.10, false, 1.0, seed, restarts);
  }

  @Test
  void inAWholeRunThePoolRestartsMembersBillsTheirStorageAndRepeatsUnderASeed() {
    var restarts = new Restarts(Duration.ofMinutes(1), 2);
    var withPool = setupWithPool(POOL, restarts, 7);
    var without = setupWithPool(WarmPool.NONE, restarts, 7);

    var pooled = new Simulator(withPool).run(VastbotPolicy.of(withPool));
    var again = new Simulator(withPool).run(VastbotPolicy.of(withPool));
    var plain = new Simulator(without).run(VastbotPolicy.of(without));

    assertEquals(pooled, again);
    // Restarting in a minute instead of booting for 30: the queue waits less.
    assertTrue(
        pooled.aboveTargetHours() < plain.aboveTargetHours(), pooled + " vs " + plain);
    var otherSeed = setupWithPool(POOL, restarts, 8);
    assertNotEquals(pooled, new Simulator(otherSeed).run(VastbotPolicy.of(otherSeed)));
  }
}
