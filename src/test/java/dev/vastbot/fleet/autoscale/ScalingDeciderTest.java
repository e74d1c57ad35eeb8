package dev.vastbot.fleet.autoscale;

import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.NOON;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.busy;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.generousGroupBudget;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.generousTotalBudget;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.idleSince;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.markedForReplacement;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.offer;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.pacing;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.policy;
import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.unreachable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.autoscale.AutoscaleFixtures.Tick;
import dev.vastbot.fleet.autoscale.ScalingDecision.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalingDeciderTest {

  @Test
  void scalesUpOnBacklogWithTheBestOffersUpToThePerTickLimit() {
    var tick =
        new Tick()
            .busyInstances(2, 0.10)
            .queued(1000)
            .offers(
                offer(1, "RTX 3070", 0.10, 0.99),
                offer(2, "RTX 4090", 0.40, 0.99),
                offer(3, "RTX 3070", 0.20, 0.99));

    var decision = decide(tick, NOON);

    assertEquals(Kind.UP, decision.kind(), decision.summary());
    assertEquals(List.of(1L, 2L), offerIds(decision));
    assertTrue(
        decision.summary().contains("backlog 5.00 h (1000 games / 200 games/h) above the 1.00 h"),
        decision.summary());
    assertTrue(decision.summary().contains("2 of 3 wanted"), decision.summary());
  }

  @Test
  void holdsDuringTheScaleUpCooldown() {
    var tick =
        new Tick().busyInstances(2, 0.10).queued(1000).offers(offer(1, "RTX 3070", 0.10, 0.99));
    tick.lastUp = Optional.of(NOON.minus(Duration.ofMinutes(5)));

    var decision = decide(tick, NOON);

    assertEquals(Kind.HOLD, decision.kind());
    assertTrue(decision.summary().contains("scale-up cooldown: 10 min left"), decision.summary());
  }

  @Test
  void holdsBetweenTheThresholdsAndMovesOnlyPastThem() {
    var offers = new Offer[] {offer(1, "RTX 3070", 0.10, 0.99)};
    var justBelowUp = new Tick().busyInstances(3, 0.10).queued(290).offers(offers);
    var justAboveUp = new Tick().busyInstances(3, 0.10).queued(310).offers(offers);
    var justAboveDown = new Tick().busyInstances(3, 0.10).queued(80).offers(offers);

    assertEquals(Kind.HOLD, decide(justBelowUp, NOON).kind());
    assertTrue(
        decide(justBelowUp, NOON)
            .summary()
            .contains("between the 0.25 h scale-down and 1.00 h scale-up thresholds"));
    assertEquals(Kind.UP, decide(justAboveUp, NOON).kind());
    assertEquals(Kind.HOLD, decide(justAboveDown, NOON).kind());
  }

  @Test
  void asksForApprovalWhenTheScaleUpWouldPassTheHourlyCap() {
    // daily and monthly caps roomy enough for 10 $/h all day and all month: the hourly cap binds
    var tick = backlog().spent(new Spend(0, 10, 100, 9.95));

    var decision = ScalingDecider.decide(
        policy(new Budget(10, 1000, 100_000), generousTotalBudget(), pacing(2, 1)), tick.observe(), NOON);

    assertEquals(Kind.NEEDS_APPROVAL, decision.kind(), decision.summary());
    assertEquals(List.of(1L), offerIds(decision));
    assertTrue(
        decision.summary().contains("group selfplay hourly budget 0.00 of 10.00 $"),
        decision.summary());
  }

  @Test
  void asksForApprovalWhenTheScaleUpWouldPassTheDailyCapBeforeMidnight() {
    var tick = backlog().spent(new Spend(0, 187.40, 1000, 1.0));

    var decision = decide(tick, NOON);

    assertEquals(Kind.NEEDS_APPROVAL, decision.kind(), decision.summary());
    assertTrue(
        decision
            .summary()
            .contains(
                "group selfplay daily budget 187.40 of 200.00 $ would be passed in 9.0 h (at 1.40"
                    + " $/h)"),
        decision.summary());
  }

  @Test
  void holdsWhenTheCurrentRateAloneWouldPassTheDailyCap() {
    var tick = backlog().spent(new Spend(0, 187.40, 1000, 6.0));

    var decision = decide(tick, NOON);

    assertEquals(Kind.HOLD, decision.kind());
    assertTrue(decision.summary().startsWith("hold: "), decision.summary());
    assertTrue(
        decision.summary().contains("daily budget 187.40 of 200.00 $ would be passed in 2.1 h"),
        decision.summary());
  }

  @Test
  void takesAsManyAsFitAndSaysWhyNotMore() {
    var tick =
        backlog().offers(offer(2, "RTX 3070", 0.30, 0.99)).spent(new Spend(0, 180, 1000, 1.0));

    var decision = decide(tick, NOON);

    // 180 + 1.3 $/h x 12 h fits 200; with both offers 180 + 1.7 $/h x 12 h does not
    assertEquals(Kind.UP, decision.kind(), decision.summary());
    assertEquals(List.of(2L), offerIds(decision));
    assertTrue(decision.summary().contains("1 of 2 fit the budget"), decision.summary());
  }

  @Test
  void aScaleUpBeforeMidnightMustAlsoFitTheNextDaysBudget() {
    var lateEvening = Instant.parse("2026-06-10T21:30:00Z"); // 23:30 in Berlin
    var tight = policy(new Budget(10, 20, 5000), generousTotalBudget(), pacing(2, 1));
    var tick = backlog().spent(new Spend(0, 10, 100, 0.5));
    tick.offers.set(0, offer(1, "RTX 3070", 0.40, 0.99));

    var decision = ScalingDecider.decide(tight, tick.observe(), lateEvening);

    // today: 10 + 0.9 $/h x 0.5 h = 10.45 fits 20; tomorrow: 0.9 $/h x 23.5 h = 21.15 does not
    assertEquals(Kind.NEEDS_APPROVAL, decision.kind(), decision.summary());
    assertTrue(
        decision.summary().contains("group selfplay next day's budget of 20.00 $ would be passed"),
        decision.summary());
  }

  @Test
  void aScaleUpAtNoonMustFitAllOfTomorrowNotOnlyItsFirstHalf() {
    // 0.9 $/h: the 12 h left today (10.8 $) fit 21, and so would the 12 h it runs into tomorrow,
    // but all of tomorrow (21.6 $) does not: nothing stops it tomorrow, so it is not started
    var tight = policy(new Budget(10, 21, 5000), generousTotalBudget(), pacing(2, 1));
    var tick = backlog().spent(new Spend(0, 0, 100, 0.5));
    tick.offers.set(0, offer(1, "RTX 3070", 0.40, 0.99));

    var decision = ScalingDecider.decide(tight, tick.observe(), NOON);

    assertEquals(Kind.NEEDS_APPROVAL, decision.kind(), decision.summary());
    assertTrue(decision.summary().contains("next day's budget of 21.00 $"), decision.summary());
  }

  @Test
  void aPersonsScaleUpTakesTheBestOffersWithinTheMaximumAndIgnoresTheCooldown() {
    var justScaled = new Tick().busyInstances(2, 0.10).queued(0)
        .offers(offer(1, "RTX 3070", 0.40, 0.99), offer(2, "RTX 3070", 0.20, 0.99));
    justScaled.lastUp = Optional.of(NOON.minusSeconds(60));

    var decision = ScalingDecider.scaleUpBy(policy(), justScaled.observe(), 1, NOON);

    assertEquals(Kind.UP, decision.kind(), decision.summary());
    assertEquals(List.of(2L), offerIds(decision));
    assertTrue(decision.summary().startsWith("up: asked for 1 more"), decision.summary());
  }

  @Test
  void aPersonsScaleDownKeepsTheMinimumAndTakesTheWorstGamesPerDollar() {
    var three = new Tick().instances(busy(1, 0.10), busy(2, 0.30), busy(3, 0.20)).queued(500);

    var decision = ScalingDecider.scaleDownBy(policy(), three.observe(), 5, NOON);
    var atMinimum = ScalingDecider.scaleDownBy(policy(),
        new Tick().instances(busy(1, 0.10), busy(2, 0.30)).observe(), 1, NOON);

    assertEquals(Kind.DOWN, decision.kind(), decision.summary());
    assertEquals(List.of(2L), decision.instanceIds(), "one above the minimum 2, the dearest: " + decision.summary());
    assertTrue(decision.summary().contains("the minimum 2 is kept"), decision.summary());
    assertEquals(Kind.HOLD, atMinimum.kind());
  }

  @Test
  void aScaleUpOnTheMonthsLastEveningMustAlsoFitTheNextMonthsBudget() {
    var lastEvening = Instant.parse("2026-06-30T21:00:00Z"); // 23:00 in Berlin, June 30
    var monthly = policy(new Budget(10, 200, 300), generousTotalBudget(), pacing(2, 1));
    var tick = backlog().spent(new Spend(0, 5, 250, 0.3));
    tick.offers.set(0, offer(1, "RTX 3070", 0.20, 0.99));

    var decision = ScalingDecider.decide(monthly, tick.observe(), lastEvening);

    // June: 250 + 0.5 $/h x 1 h fits 300; July up to 23:00 on the 30th: 0.5 $/h x 719 h does not
    assertEquals(Kind.NEEDS_APPROVAL, decision.kind(), decision.summary());
    assertTrue(
        decision.summary().contains("group selfplay next month's budget of 300.00 $"),
        decision.summary());
  }

  @Test
  void theGroupsOwnCapRefusesEvenWhenAllGroupsFit() {
    var groupTight = policy(new Budget(10, 30, 5000), generousTotalBudget(), pacing(2, 1));
    var tick = backlog().spent(new Spend(0, 25, 100, 0.2));

    var decision = ScalingDecider.decide(groupTight, tick.observe(), NOON);

    assertEquals(Kind.NEEDS_APPROVAL, decision.kind(), decision.summary());
    assertTrue(
        decision.summary().contains("group selfplay daily budget 25.00 of 30.00 $"),
        decision.summary());
  }

  @Test
  void theAllGroupsCapCountsEveryGroupsSpend() {
    var totalTight = policy(generousGroupBudget(), new Budget(20, 30, 10000), pacing(2, 1));
    var tick = backlog();
    tick.group = new Spend(0, 1, 10, 0.2);
    tick.total = new Spend(0, 25, 300, 0.2);

    var decision = ScalingDecider.decide(totalTight, tick.observe(), NOON);

    assertEquals(Kind.NEEDS_APPROVAL, decision.kind(), decision.summary());
    assertTrue(
        decision.summary().contains("all groups daily budget 25.00 of 30.00 $"),
        decision.summary());
  }

  @Test
  void theNightWindowInBerlinRaisesTheMaximumAndLowersThePriceCeiling() {
    var offers = new Offer[] {offer(1, "RTX 3070", 0.45, 0.99), offer(2, "RTX 3070", 0.35, 0.99)};
    var evening = Instant.parse("2026-06-10T19:30:00Z"); // 21:30 CEST: day
    var night = Instant.parse("2026-06-10T20:30:00Z"); // 22:30 CEST: night (UTC says 20:30)

    var atDay = decide(new Tick().busyInstances(10, 0.10).queued(5000).offers(offers), evening);
    var atNight = decide(new Tick().busyInstances(10, 0.10).queued(5000).offers(offers), night);

    assertEquals(Kind.HOLD, atDay.kind());
    assertTrue(
        atDay.summary().contains("already at the maximum 10 (window default)"), atDay.summary());
    assertEquals(Kind.UP, atNight.kind(), atNight.summary());
    assertEquals(List.of(2L), offerIds(atNight));
  }

  @Test
  void theWindowFollowsBerlinAcrossTheSpringDaylightSavingChange() {
    var saturday = Instant.parse("2026-03-28T04:30:00Z"); // 05:30 CET: still night
    var sunday =
        Instant.parse("2026-03-29T04:30:00Z"); // 06:30 CEST: day (a fixed +01:00 says 05:30)

    var beforeChange =
        decide(
            new Tick()
                .busyInstances(10, 0.10)
                .queued(5000)
                .offers(offer(1, "RTX 3070", 0.30, 0.99)),
            saturday);
    var afterChange =
        decide(
            new Tick()
                .busyInstances(10, 0.10)
                .queued(5000)
                .offers(offer(1, "RTX 3070", 0.30, 0.99)),
            sunday);

    assertEquals(Kind.UP, beforeChange.kind(), beforeChange.summary());
    assertEquals(Kind.HOLD, afterChange.kind(), afterChange.summary());
  }

  @Test
  void ranksOffersByGamesPerDollarAboveTheFloorsWithTiesToThePreferredGpu() {
    var tick =
        new Tick()
            .busyInstances(2, 0.10)
            .queued(100_000)
            .offers(
                offer(1, "RTX 3070", 0.20, 0.99), // 500 games/$
                offer(2, "RTX 4090", 0.30, 0.99), // 1000 games/$, tie with 3; 4090 is second choice
                offer(3, "RTX 3070", 0.10, 0.96), // 1000 games/$
                offer(4, "RTX 3070", 0.05, 0.90), // under the reliability floor
                offer(5, "RTX 4090", 0.60, 0.99), // over the max price
                offer(6, "RTX 2080", 0.01, 0.99)); // not a wanted GPU
    var roomy = policy(generousGroupBudget(), generousTotalBudget(), pacing(5, 1));

    var decision = ScalingDecider.decide(roomy, tick.observe(), NOON);

    assertEquals(List.of(3L, 2L, 1L), offerIds(decision));
  }

  @Test
  void skipsAnOfferSomeoneElseTookAndTakesTheNext() {
    var tick = backlog().offers(offer(2, "RTX 3070", 0.15, 0.99));
    tick.taken.add(1L);

    var decision = decide(tick, NOON);

    assertEquals(Kind.UP, decision.kind());
    assertEquals(List.of(2L), offerIds(decision));
  }

  @Test
  void scalesDownTheIdleInstanceWithTheWorstGamesPerDollarWhenTheQueueIsEmpty() {
    var longIdle = NOON.minus(Duration.ofMinutes(40));
    var tick =
        new Tick()
            .instances(
                busy(1, 0.10),
                idleSince(2, 0.20, longIdle),
                idleSince(3, 0.30, longIdle),
                idleSince(4, 0.40, NOON.minus(Duration.ofMinutes(10))));

    var decision = decide(tick, NOON);

    assertEquals(Kind.DOWN, decision.kind(), decision.summary());
    assertEquals(List.of(3L), decision.instanceIds());
  }

  @Test
  void anUnreachableInstanceCountsAsBusyNeverIdle() {
    var longIdle = NOON.minus(Duration.ofHours(2));
    var tick = new Tick().instances(busy(1, 0.10), busy(2, 0.10), unreachable(3, 0.50, longIdle));

    var decision = decide(tick, NOON);

    assertEquals(Kind.HOLD, decision.kind(), decision.summary());
    assertTrue(decision.summary().contains("unreachable ones count as busy"), decision.summary());
  }

  @Test
  void neverScalesDownBelowTheMinimum() {
    var longIdle = NOON.minus(Duration.ofHours(2));
    var generousPerTick = policy(generousGroupBudget(), generousTotalBudget(), pacing(2, 5));
    var atMinimum = new Tick().instances(idleSince(1, 0.1, longIdle), idleSince(2, 0.1, longIdle));
    var oneAbove =
        new Tick()
            .instances(
                idleSince(1, 0.1, longIdle),
                idleSince(2, 0.2, longIdle),
                idleSince(3, 0.1, longIdle));

    var held = ScalingDecider.decide(generousPerTick, atMinimum.observe(), NOON);
    var down = ScalingDecider.decide(generousPerTick, oneAbove.observe(), NOON);

    assertEquals(Kind.HOLD, held.kind());
    assertTrue(held.summary().contains("already at the minimum 2"), held.summary());
    assertEquals(List.of(2L), down.instanceIds());
  }

  @Test
  void holdsDuringTheScaleDownCooldown() {
    var longIdle = NOON.minus(Duration.ofHours(2));
    var tick = new Tick().instances(busy(1, 0.1), busy(2, 0.1), idleSince(3, 0.1, longIdle));
    tick.lastDown = Optional.of(NOON.minus(Duration.ofMinutes(4)));

    var decision = decide(tick, NOON);

    assertEquals(Kind.HOLD, decision.kind());
    assertTrue(decision.summary().contains("scale-down cooldown: 6 min left"), decision.summary());
  }

  @Test
  void scalesUpToTheMinimumEvenDuringTheCooldown() {
    var tick = new Tick().instances(busy(1, 0.1)).offers(offer(1, "RTX 3070", 0.10, 0.99));
    tick.lastUp = Optional.of(NOON.minus(Duration.ofMinutes(1)));

    var decision = decide(tick, NOON);

    assertEquals(Kind.UP, decision.kind(), decision.summary());
    assertTrue(decision.summary().contains("1 instances below the minimum 2"), decision.summary());
  }

  @Test
  void scalesDownTheExcessWhenTheNightWindowEnds() {
    var morning = Instant.parse("2026-06-11T04:30:00Z"); // 06:30 CEST: day, maximum 10 again
    var tick = new Tick().busyInstances(12, 0.10).queued(5000);

    var decision = decide(tick, morning);

    assertEquals(Kind.DOWN, decision.kind(), decision.summary());
    assertEquals(1, decision.instanceIds().size());
    assertTrue(decision.summary().contains("12 instances above the maximum 10 of window default"));
  }

  @Test
  void replacesAMarkedInstanceWithTheBestOffer() {
    var tick =
        new Tick()
            .instances(busy(1, 0.1), markedForReplacement(2, 0.2))
            .offers(offer(7, "RTX 3070", 0.10, 0.99));

    var decision = decide(tick, NOON);

    assertEquals(Kind.REPLACE, decision.kind(), decision.summary());
    assertEquals(List.of(2L), decision.instanceIds());
    assertEquals(List.of(7L), offerIds(decision));
  }

  @Test
  void replacesAnInstanceUnhealthyPastTheThresholdAndAnOutbidOne_whenTwoReplacementsMayRunAtOnce() {
    var unhealthy =
        new GroupInstance(3, "RTX 3070", 1, 0.1, 0.01, InstanceState.RUNNING, true,
            Optional.empty(), 0, false, 3, false);
    var outbid =
        new GroupInstance(4, "RTX 3070", 1, 0.1, 0.01, InstanceState.STOPPED, true,
            Optional.empty(), 0, false, 0, true);
    var tick =
        new Tick()
            .instances(busy(1, 0.1), unhealthy, outbid)
            .offers(offer(7, "RTX 3070", 0.10, 0.99), offer(8, "RTX 3070", 0.12, 0.99));

    var decision = ScalingDecider.decide(
        policy(generousGroupBudget(), generousTotalBudget(), pacing(2, 1, 2)), tick.observe(), NOON);

    assertEquals(Kind.REPLACE, decision.kind(), decision.summary());
    assertEquals(List.of(3L, 4L), decision.instanceIds());
    assertEquals(List.of(7L, 8L), offerIds(decision));
    assertTrue(decision.summary().contains("vast-3 unhealthy for 3 checks (threshold 3)"));
    assertTrue(decision.summary().contains("vast-4 was outbid"));
  }

  @Test
  void aReplacementThatPassedItsHealthCheck_letsItsOldInstanceGo() {
    var tick =
        new Tick()
            .instances(busy(1, 0.1), markedForReplacement(2, 0.2), busy(3, 0.1))
            .replacing(2, 3, NOON.minusSeconds(600), PendingReplacement.Status.PASSED)
            .offers(offer(7, "RTX 3070", 0.10, 0.99));

    var decision = decide(tick, NOON);

    assertEquals(Kind.REPLACE, decision.kind(), decision.summary());
    assertEquals(List.of(2L), decision.instanceIds());
    assertEquals(List.of(), decision.offers(), "nothing more to rent");
    assertTrue(decision.summary().contains("vast-3 replaces vast-2 and passed its health check"));
  }

  @Test
  void whileAReplacementWaitsForItsCheck_nothingIsRentedAgain_andTheOldOneDoesNotCount() {
    // min 2: vast-1 and the new vast-3 make it; the marked vast-2 is on its way out
    var tick =
        new Tick()
            .instances(busy(1, 0.1), markedForReplacement(2, 0.2), idleSince(3, 0.1, NOON.minusSeconds(7200)))
            .replacing(2, 3, NOON.minusSeconds(600), PendingReplacement.Status.WAITING)
            .offers(offer(7, "RTX 3070", 0.10, 0.99));

    var decision = decide(tick, NOON);

    assertEquals(Kind.HOLD, decision.kind(), decision.summary());
    assertTrue(decision.summary().contains("already at the minimum 2"),
        "vast-1 and vast-3 make the size, not vast-2 as well: " + decision.summary());
  }

  @Test
  void aReplacementOnTrial_isNoScaleDownCandidate_evenIdle() {
    var tick =
        new Tick()
            .instances(busy(1, 0.1), markedForReplacement(2, 0.2), idleSince(3, 0.1, NOON.minusSeconds(7200)),
                busy(4, 0.1))
            .replacing(2, 3, NOON.minusSeconds(600), PendingReplacement.Status.WAITING)
            .offers(offer(7, "RTX 3070", 0.10, 0.99));

    var decision = decide(tick, NOON);

    assertEquals(Kind.HOLD, decision.kind(), decision.summary());
    assertTrue(decision.summary().contains("no reachable instance idle"), decision.summary());
  }

  @Test
  void aReplacementThatDidNotPassWithinTheWindow_isLetGo() {
    var tick =
        new Tick()
            .instances(busy(1, 0.1), markedForReplacement(2, 0.2), busy(3, 0.1))
            .replacing(2, 3, NOON.minus(Pacing.DEFAULT_REPLACEMENT_HEALTH_WINDOW), PendingReplacement.Status.WAITING)
            .offers(offer(7, "RTX 3070", 0.10, 0.99));

    var decision = decide(tick, NOON);

    assertEquals(Kind.DOWN, decision.kind(), decision.summary());
    assertEquals(List.of(3L), decision.instanceIds());
    assertTrue(decision.summary().contains(
        "vast-3, rented to replace vast-2, did not pass a health check within 30 min"), decision.summary());
  }

  @Test
  void aReplacementLostFromTheAccount_letsItsOldInstanceBeReplacedAgain() {
    var tick =
        new Tick()
            .instances(busy(1, 0.1), markedForReplacement(2, 0.2))
            .replacing(2, 3, NOON.minusSeconds(600), PendingReplacement.Status.LOST)
            .offers(offer(7, "RTX 3070", 0.10, 0.99));

    var decision = decide(tick, NOON);

    assertEquals(Kind.REPLACE, decision.kind(), decision.summary());
    assertEquals(List.of(2L), decision.instanceIds());
    assertEquals(List.of(7L), offerIds(decision));
  }

  private static Tick backlog() {
    return new Tick().busyInstances(2, 0.10).queued(1000).offers(offer(1, "RTX 3070", 0.40, 0.99));
  }

  private static ScalingDecision decide(Tick tick, Instant now) {
    return ScalingDecider.decide(policy(), tick.observe(), now);
  }

  private static List<Long> offerIds(ScalingDecision decision) {
    return decision.offers().stream().map(Offer::id).toList();
  }
}
