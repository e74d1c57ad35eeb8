package dev.vastbot.fleet.autoscale;

import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.NOON;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.generousTotalBudget;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.offer;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.pacing;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.autoscale.AutoscaleFixtures.Tick;
import dev.vastbot.fleet.autoscale.ScalingDecision.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The budget fit walks down the ranking: a scale-up takes the best offers that fit the budget
 * together, skipping a better-ranked one that would pass it, and asks for approval only when no
 * offer fits, then for the best offers, saying that even the cheapest would not fit.
 *
 * <p>At noon with nothing spent yet, a daily cap of 5 $ holds a fleet of at most 5/24 = 0.208 $/h
 * (a rate must fit all of tomorrow): with one instance at 0.10 $/h, 0.108 $/h may be added.
 */
class ScaleUpBudgetTest {
  private static final AutoscalerPolicy FIVE_A_DAY = policy(new Budget(10, 5, 5000), generousTotalBudget(),
      pacing(2, 1));

  /** The met case: an 8-GPU offer ranks first on games per dollar, but only the one-GPU offer fits. */
  @Test
  void aMinimumScaleUp_skipsAPricierTopOffer_forOneThatFitsTheBudget() {
    var tick = new Tick().busyInstances(1, 0.10).spent(new Spend(0, 0, 0, 0.10)).offers(eightGpus(7, 0.476), offer(8, "RTX 3070", 0.067, 0.99));

    var decision = ScalingDecider.decide(FIVE_A_DAY, tick.observe(), NOON);

    assertEquals(Kind.UP, decision.kind(), decision.summary());
    assertEquals(List.of(8L), offerIds(decision), decision.summary());
    assertTrue(decision.summary().contains("the best offer 7 (8 × RTX 3070 at 0.476 $/h) would pass the budget"
        + " (group selfplay daily budget 0.00 of 5.00 $"), decision.summary());
    assertTrue(decision.summary().contains("taken instead: offer 8 (1 × RTX 3070 at 0.067 $/h)"),
        decision.summary());
  }

  @Test
  void twoWanted_takesTheBestPairThatFitsTogether_walkingPastOnesThatDoNot() {
    var tick = new Tick().offers(offer(1, "RTX 3070", 0.05, 0.99), eightGpus(2, 0.30), offer(3, "RTX 3070", 0.06,
        0.99), offer(4, "RTX 3070", 0.09, 0.99));

    var decision = ScalingDecider.decide(FIVE_A_DAY, tick.observe(), NOON);

    // ranked 2 (8 GPUs), 1, 3, 4; 2 alone passes 0.208 $/h, 1 + 3 = 0.11 $/h fits, 4 is not needed
    assertEquals(Kind.UP, decision.kind(), decision.summary());
    assertEquals(List.of(1L, 3L), offerIds(decision), decision.summary());
  }

  @Test
  void twoWanted_takesTwoThatFitTogether_ratherThanOneBetterRankedThatLeavesNoRoomForASecond() {
    var tick = new Tick().offers(eightGpus(2, 0.15), offer(3, "RTX 3070", 0.10, 0.99), offer(4, "RTX 3070", 0.09,
        0.99));

    var decision = ScalingDecider.decide(FIVE_A_DAY, tick.observe(), NOON);

    // 2 with 4 is 0.24 $/h and passes 0.208; 3 with 4 is 0.19 $/h and fits: two below the minimum of two
    assertEquals(Kind.UP, decision.kind(), decision.summary());
    assertEquals(List.of(4L, 3L), offerIds(decision), decision.summary());
  }

  @Test
  void whenNoOfferFits_asksForTheBestOnes_andSaysTheCheapestWouldNotFitEither() {
    var tick = new Tick().busyInstances(1, 0.10).spent(new Spend(0, 0, 0, 0.10)).offers(eightGpus(7, 0.476), offer(8, "RTX 3070", 0.15, 0.99));

    var decision = ScalingDecider.decide(FIVE_A_DAY, tick.observe(), NOON);

    assertEquals(Kind.NEEDS_APPROVAL, decision.kind(), decision.summary());
    assertEquals(List.of(7L), offerIds(decision), "the best offer is asked for: " + decision.summary());
    assertTrue(decision.summary().contains(
        "no offer fits the budget: the cheapest of 2, offer 8 (1 × RTX 3070 at 0.150 $/h), would not either"),
        decision.summary());
  }

  @Test
  void fewerFitThanWanted_takesThoseThatDo_andSaysSo() {
    var tick = new Tick().offers(offer(1, "RTX 3070", 0.10, 0.99), offer(2, "RTX 3070", 0.12, 0.99));

    var decision = ScalingDecider.decide(FIVE_A_DAY, tick.observe(), NOON);

    assertEquals(Kind.UP, decision.kind(), decision.summary());
    assertEquals(List.of(1L), offerIds(decision), decision.summary());
    assertTrue(decision.summary().contains("1 of 2 fit the budget (all 2: group selfplay next day's budget"),
        decision.summary());
  }

  private static Offer eightGpus(long id, double price) {
    return new Offer(id, 1000 + id, "RTX 3070", 8, 8192, price, price - 0.01, price / 2, 0.99, "DE", 50, 500, true);
  }

  private static List<Long> offerIds(ScalingDecision decision) {
    return decision.offers().stream().map(Offer::id).toList();
  }
}
