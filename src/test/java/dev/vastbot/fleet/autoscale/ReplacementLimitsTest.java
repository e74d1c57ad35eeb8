package dev.vastbot.fleet.autoscale;

import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.NOON;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.busy;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.generousTotalBudget;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.offer;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.pacing;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.autoscale.AutoscaleFixtures.Tick;
import dev.vastbot.fleet.autoscale.PendingReplacement.Status;
import dev.vastbot.fleet.autoscale.ScalingDecision.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The replacement rules that keep a group from leaking instances, as pure decisions: at most
 * {@code max_concurrent_replacements} at once and never past the ceiling (maximum plus that),
 * every instance counted; none while the one before has not passed; an instance whose let-go
 * failed is held, neither replaced nor counted in the size; and the overlap is in the forecast.
 */
class ReplacementLimitsTest {

  /** A running RTX 3070 at {@code price} that failed {@code checks} health checks in a row. */
  private static GroupInstance unhealthy(long id, double price, int checks) {
    return new GroupInstance(id, "RTX 3070", 1, price, 0.01, InstanceState.RUNNING, true, Optional.empty(), 0,
        false, checks, false);
  }

  private static ScalingDecision decide(Tick tick) {
    return ScalingDecider.decide(policy(), tick.observe(), NOON);
  }

  @Test
  void twoInstancesNeedingReplacement_areReplacedOneAtATime_byDefault() {
    var tick = new Tick().instances(unhealthy(3, 0.1, 3), unhealthy(4, 0.1, 3))
        .offers(offer(7, "RTX 3070", 0.10, 0.99), offer(8, "RTX 3070", 0.12, 0.99));

    var decision = decide(tick);

    assertEquals(Kind.REPLACE, decision.kind(), decision.summary());
    assertEquals(List.of(3L), decision.instanceIds());
    assertEquals(List.of(7L), decision.offers().stream().map(o -> o.id()).toList());
  }

  @Test
  void noReplacementStarts_whileTheOneBeforeItHasNotPassed() {
    var tick = new Tick().instances(busy(1, 0.1), unhealthy(3, 0.1, 3), busy(5, 0.1))
        .replacing(1, 5, NOON.minusSeconds(600), Status.WAITING)
        .offers(offer(7, "RTX 3070", 0.10, 0.99));

    var decision = decide(tick);

    assertEquals(Kind.HOLD, decision.kind(), decision.summary());
    assertTrue(decision.summary().contains("vast-5, rented to replace vast-1, has not passed a health check yet"),
        decision.summary());
    assertTrue(decision.summary().contains("no replacement starts while the one before it has not passed"),
        decision.summary());
  }

  @Test
  void atTheCeiling_countingTheOnesBeingTerminated_nothingIsRentedForAReplacement() {
    var tick = new Tick().busyInstances(9, 0.1).instances(unhealthy(3, 0.1, 3)).outgoing(50L)
        .offers(offer(7, "RTX 3070", 0.10, 0.99));

    var decision = decide(tick);

    assertEquals(Kind.HOLD, decision.kind(), decision.summary());
    assertTrue(decision.summary().contains("the group holds 11 instances (counting those on their way out), at its"
        + " ceiling 11: maximum 10 (window default) + max_concurrent_replacements 1"), decision.summary());
  }

  @Test
  void belowTheMinimum_aScaleUpStillStopsAtTheCeiling() {
    // two held old instances and two being terminated: the size is 0, the ceiling 11 leaves room for 7
    var tick = new Tick().instances(unhealthy(1, 0.1, 3), unhealthy(2, 0.1, 3))
        .replacing(1, 90, NOON.minusSeconds(3600), Status.OLD_HELD)
        .replacing(2, 91, NOON.minusSeconds(3600), Status.OLD_HELD)
        .outgoing(60L, 61L, 62L, 63L, 64L, 65L, 66L, 67L, 68L)
        .offers(offer(7, "RTX 3070", 0.10, 0.99), offer(8, "RTX 3070", 0.10, 0.99));

    var decision = decide(tick);

    assertEquals(Kind.HOLD, decision.kind(), decision.summary());
    assertTrue(decision.summary().contains("0 instances below the minimum 2"), decision.summary());
    assertTrue(decision.summary().contains("no room: the group holds 11 instances"), decision.summary());
  }

  @Test
  void anOldInstanceWhoseLetGoFailed_isHeld_notReplacedAgain_andOutOfTheSize() {
    var tick = new Tick().instances(unhealthy(1, 0.1, 5), busy(5, 0.1), busy(6, 0.1))
        .replacing(1, 5, NOON.minusSeconds(3600), Status.OLD_HELD)
        .offers(offer(7, "RTX 3070", 0.10, 0.99));

    var decision = decide(tick);

    assertEquals(List.of(5L, 6L), tick.observe().serving().stream().map(GroupInstance::id).toList());
    assertTrue(decision.kind() != Kind.REPLACE, decision.summary());
    assertTrue(decision.instanceIds().isEmpty(), decision.summary());
  }

  @Test
  void aNewInstanceWhoseLetGoFailed_isHeld_andNoFurtherReplacementStarts() {
    var tick = new Tick().instances(unhealthy(1, 0.1, 5), unhealthy(5, 0.1, 5), unhealthy(2, 0.1, 3), busy(6, 0.1))
        .replacing(1, 5, NOON.minusSeconds(3 * 3600), Status.NEW_HELD)
        .offers(offer(7, "RTX 3070", 0.10, 0.99));

    var decision = decide(tick);

    assertEquals(Kind.HOLD, decision.kind(), decision.summary());
    assertTrue(decision.summary().contains("vast-5, rented to replace vast-1, did not pass, and letting it go did"
        + " not end it: it is held until a person terminates it (/vast shutdown 5)"), decision.summary());
    assertEquals(List.of(1L, 2L, 6L), tick.observe().serving().stream().map(GroupInstance::id).toList());
    assertEquals(List.of(2L, 6L), tick.observe().settled().stream().map(GroupInstance::id).toList());
  }

  @Test
  void aReplacementAtTheSamePrice_isForecastWithItsOverlap() {
    // 0.8 $/h for the 12 h left today on 10.25 $ spent: 19.85 of the 20 $ daily cap; the overlap of
    // a 0.40 $/h replacement for 30 min (0.20 $) passes it, though the rate does not rise
    var tick = new Tick().instances(busy(1, 0.4), unhealthy(3, 0.4, 3)).offers(offer(7, "RTX 3070", 0.40, 0.99))
        .spent(new Spend(0, 10.25, 10.25, 0.8));

    var decision = ScalingDecider.decide(policy(new Budget(10, 20, 5000), generousTotalBudget(), pacing(2, 1)),
        tick.observe(), NOON);

    assertEquals(Kind.NEEDS_APPROVAL, decision.kind(), decision.summary());
    assertTrue(decision.summary().contains("replacement overlap 0.20 $: old and new both billed up to 0.5 h"),
        decision.summary());
  }
}
