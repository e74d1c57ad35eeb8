package dev.vastbot.fleet.autoscale;

import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.NOON;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.busy;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.generousGroupBudget;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.generousTotalBudget;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.idleSince;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.offer;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.pacing;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.autoscale.AutoscaleFixtures.Tick;
import dev.vastbot.fleet.autoscale.ScalingDecision.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An instance rented from an offer on this tick that no list shows yet ({@link
 * GroupInstance#renting}): it has no id, yet counts towards the group's size and its ceiling, and
 * is never a scale-down's candidate.
 */
class RentingInstanceTest {

  @Test
  void aRentingInstance_hasNoId_andCostsWhatItsOfferSays() {
    var renting = GroupInstance.renting(offer(7, "RTX 4090", 0.40, 0.99));

    assertFalse(renting.listed());
    assertTrue(renting.vastId().isEmpty());
    var noId = assertThrows(IllegalStateException.class, renting::id);
    assertTrue(noId.getMessage().contains("RTX 4090"), noId.getMessage());
    assertEquals(0.40, renting.dphTotal(), 1e-9);
    assertEquals(0.01, renting.storageDph(), 1e-9);
    assertEquals(InstanceState.LOADING, renting.state());
    assertFalse(renting.reachable());
    assertTrue(busy(3, 0.10).listed());
  }

  @Test
  void rentingInstances_countTowardsTheMaximum() {
    var tick = new Tick().busyInstances(7, 0.10)
        .instances(GroupInstance.renting(offer(1, "RTX 3070", 0.20, 0.99)),
            GroupInstance.renting(offer(2, "RTX 3070", 0.20, 0.99)))
        .offers(offer(3, "RTX 3070", 0.20, 0.99), offer(4, "RTX 3070", 0.21, 0.99));

    var decision = ScalingDecider.scaleUpBy(policy(), tick.observe(), 2, NOON);

    assertEquals(9, tick.observe().serving().size());
    assertEquals(Kind.UP, decision.kind(), decision.summary());
    assertEquals(1, decision.offers().size(), decision.summary());
    assertTrue(decision.summary().contains("1 of 2 wanted"), decision.summary());
  }

  @Test
  void rentingInstances_countTowardsTheCeiling_besideTheOnesLeaving() {
    // maximum 10 + 1 concurrent replacement: 7 listed, 2 being terminated, 2 being rented hold 11
    var policy = policy(generousGroupBudget(), generousTotalBudget(), pacing(2, 1, 1));
    var tick = new Tick().busyInstances(7, 0.10).outgoing(50L, 51L)
        .instances(GroupInstance.renting(offer(1, "RTX 3070", 0.20, 0.99)),
            GroupInstance.renting(offer(2, "RTX 3070", 0.20, 0.99)))
        .offers(offer(3, "RTX 3070", 0.20, 0.99));

    var decision = ScalingDecider.scaleUpBy(policy, tick.observe(), 1, NOON);

    assertEquals(Kind.HOLD, decision.kind(), decision.summary());
    assertTrue(decision.summary().contains("holds 11 instances"), decision.summary());
  }

  @Test
  void aRentingInstance_isNeverScaledDown() {
    var tick = new Tick().instances(idleSince(1, 0.10, NOON.minusSeconds(7200)),
            idleSince(2, 0.10, NOON.minusSeconds(7200)), GroupInstance.renting(offer(9, "RTX 3070", 0.90, 0.99)))
        .queued(0);

    var decision = ScalingDecider.scaleDownBy(policy(), tick.observe(), 1, NOON);

    assertEquals(Kind.DOWN, decision.kind(), decision.summary());
    assertEquals(1, decision.instanceIds().size());
    assertTrue(List.of(1L, 2L).containsAll(decision.instanceIds()), decision.summary());
  }
}
