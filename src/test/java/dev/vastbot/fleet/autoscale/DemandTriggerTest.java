package dev.vastbot.fleet.autoscale;

import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.NOON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The trigger between ticks, pure, on the fixtures' group: RTX 3070s of 100 games/h each, scale-up
 * above 1 h of backlog, a 15-minute scale-up cooldown, at most 10 instances at noon, a boot of five
 * minutes.
 */
class DemandTriggerTest {
  private final DemandTrigger trigger = new DemandTrigger(AutoscaleFixtures.policy());

  @Test
  void firesWhenTheBacklogCrossesTheScaleUpThreshold() {
    var fired = trigger.check(twoInstances(500).observe(), readings(100, 500), NOON);

    assertTrue(fired.orElseThrow().contains("backlog 2.50 h crossed the 1.00 h scale-up threshold"), fired.get());
  }

  @Test
  void firstReadingAboveTheThresholdFires_forNothingSaysItWasAboveBefore() {
    assertTrue(trigger.check(twoInstances(500).observe(), readings(500), NOON).isPresent());
  }

  @Test
  void doesNotFireAgainWhileTheQueueStaysFlatAboveTheThreshold() {
    assertEquals(Optional.empty(), trigger.check(twoInstances(500).observe(), readings(500, 500, 500), NOON));
  }

  @Test
  void firesWhenTheQueueGrowsFasterThanTheFleetDrainsItWithinTheBootTime() {
    // 60 -> 140 games in 4 minutes: 1,200 games/h of growth; in 5 minutes 240 games for 200 games/h
    var fired = trigger.check(twoInstances(140).observe(), readings(60, 100, 140), NOON);

    assertTrue(fired.orElseThrow().contains("queue growing 1200 games/h: backlog 1.20 h within the 5 min boot"),
        fired.get());
  }

  @Test
  void slowGrowthThatTheFleetKeepsUnderTheThresholdDoesNotFire() {
    // 120 -> 140 games in 4 minutes: 300 games/h; in 5 minutes 165 games, 0.83 h
    assertEquals(Optional.empty(), trigger.check(twoInstances(140).observe(), readings(120, 130, 140), NOON));
  }

  @Test
  void aFlatOrShrinkingQueueUnderTheThresholdDoesNotFire() {
    assertEquals(Optional.empty(), trigger.check(twoInstances(150).observe(), readings(150, 150, 150), NOON));
    assertEquals(Optional.empty(), trigger.check(twoInstances(150).observe(), readings(190, 170, 150), NOON));
  }

  @Test
  void theScaleUpCooldownStillHolds() {
    var tick = twoInstances(500);
    tick.lastUp = Optional.of(NOON.minus(Duration.ofMinutes(5)));
    assertEquals(Optional.empty(), trigger.check(tick.observe(), readings(100, 500), NOON));
    assertEquals(Optional.empty(), trigger.check(tick.observe(), readings(60, 100, 140), NOON), "growth too");

    tick.lastUp = Optional.of(NOON.minus(Duration.ofMinutes(15)));
    assertTrue(trigger.check(tick.observe(), readings(100, 500), NOON).isPresent(), "the cooldown is over");
  }

  @Test
  void aGroupAtItsMaximumIsNotTriggered() {
    var tick = new AutoscaleFixtures.Tick().busyInstances(10, 0.20).queued(100_000);

    assertEquals(Optional.empty(), trigger.check(tick.observe(), readings(0, 100_000), NOON));
  }

  @Test
  void aGrowingQueueScalesUpStraightToWhatItWillNeedAfterTheBoot() {
    var tick = twoInstances(300);
    for (long id = 1; id <= 8; id++) {
      tick.offers(AutoscaleFixtures.offer(id, "RTX 3070", 0.20, 0.99));
    }
    var policy = AutoscaleFixtures.policy(AutoscaleFixtures.generousGroupBudget(),
        AutoscaleFixtures.generousTotalBudget(), AutoscaleFixtures.pacing(8, 1));
    // 3,000 games/h of growth: 550 games after the boot; the middle of the band (0.625 h) needs 880/h
    var trend = new DemandTrend(3000, Duration.ofMinutes(5));

    var growing = ScalingDecider.decide(policy, tick.observe(), NOON, trend);
    var flat = ScalingDecider.decide(policy, tick.observe(), NOON);

    assertEquals(ScalingDecision.Kind.UP, growing.kind(), growing.reasons().toString());
    assertEquals(7, growing.offers().size(), growing.reasons().toString());
    assertEquals(3, flat.offers().size(), "without the growth: 480/h for the queue now");
  }

  @Test
  void growthUnderTheThresholdMakesTheDecisionScaleUpWhereTheQueueAloneHolds() {
    var tick = twoInstances(140).offers(AutoscaleFixtures.offer(1, "RTX 3070", 0.20, 0.99),
        AutoscaleFixtures.offer(2, "RTX 3070", 0.20, 0.99));
    var trend = DemandTrend.of(readings(60, 100, 140), NOON, Duration.ofMinutes(5));

    var decision = ScalingDecider.decide(AutoscaleFixtures.policy(), tick.observe(), NOON, trend);

    assertEquals(ScalingDecision.Kind.UP, decision.kind(), decision.reasons().toString());
    assertTrue(decision.reasons().get(0).contains("growing 1200 games/h: 240 games after the 5 min boot"),
        decision.reasons().toString());
    assertEquals(ScalingDecision.Kind.HOLD,
        ScalingDecider.decide(AutoscaleFixtures.policy(), tick.observe(), NOON).kind());
  }

  @Test
  void theTrendReadsOnlyTheLastBootTime() {
    var old = new DemandReading(NOON.minus(Duration.ofMinutes(30)), 0);
    var trend = DemandTrend.of(List.of(old, new DemandReading(NOON, 140)), NOON, Duration.ofMinutes(5));

    assertEquals(0, trend.growthPerHour(), "a reading half an hour old says nothing of the growth now");
  }

  private static AutoscaleFixtures.Tick twoInstances(double queued) {
    return new AutoscaleFixtures.Tick().busyInstances(2, 0.20).queued(queued);
  }

  /** Readings two minutes apart, the last at noon. */
  private static List<DemandReading> readings(double... queued) {
    var out = new ArrayList<DemandReading>();
    for (int i = 0; i < queued.length; i++) {
      Instant at = NOON.minus(Duration.ofMinutes(2L * (queued.length - 1 - i)));
      out.add(new DemandReading(at, queued[i]));
    }
    return out;
  }
}
