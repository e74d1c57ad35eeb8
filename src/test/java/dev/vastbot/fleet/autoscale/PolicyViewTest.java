package dev.vastbot.fleet.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyViewTest {

  @Test
  void showsTheWindowInForceNowInThePolicysZone() {
    var night = Instant.parse("2026-06-10T21:00:00Z"); // 23:00 in Berlin

    var lines = PolicyView.describe(AutoscaleFixtures.policy(), night);

    assertEquals(
        List.of(
            "selfplay: window night (22:00–06:00 Europe/Berlin), 2..14 instances, max $0.40/h,"
                + " cooldowns 15/10 min",
            "  budget 10.00 $/hour, 200.00 $/day, 5000.00 $/month",
            "all groups: budget 20.00 $/hour, 400.00 $/day, 10000.00 $/month, decided every 10"
                + " min"),
        lines);
  }

  @Test
  void addsWhatEachObservedGroupWouldDoNow() {
    var tick = new AutoscaleFixtures.Tick().busyInstances(3, 0.10).queued(100);

    var lines =
        PolicyView.describe(
            AutoscaleFixtures.policy(), Map.of("selfplay", tick.observe()), AutoscaleFixtures.NOON);

    assertEquals(
        "selfplay: window default (Europe/Berlin), 2..10 instances, max $0.50/h, cooldowns 15/10"
            + " min",
        lines.get(0));
    assertEquals(
        "  now: hold: backlog 0.33 h (100 games / 300 games/h) between the 0.25 h scale-down and"
            + " 1.00 h scale-up thresholds",
        lines.get(2));
  }

  @Test
  void withTheDemandUnknown_showsTheHoldTheTickMakes_notItsScaleDown() {
    var longIdle = AutoscaleFixtures.NOON.minus(java.time.Duration.ofMinutes(40));
    var tick = new AutoscaleFixtures.Tick().instances(AutoscaleFixtures.busy(1, 0.10),
        AutoscaleFixtures.idleSince(2, 0.20, longIdle), AutoscaleFixtures.idleSince(3, 0.30, longIdle));
    var observation = tick.observe();
    ScalingDecision unguarded = ScalingDecider.decide(AutoscaleFixtures.policy(), observation, AutoscaleFixtures.NOON);
    assertEquals(ScalingDecision.Kind.DOWN, unguarded.kind(), "an empty queue would scale down");

    var known = PolicyView.describeSeen(AutoscaleFixtures.policy(),
        Map.of("selfplay", new PolicyView.Seen(java.util.Optional.of(observation), true)), AutoscaleFixtures.NOON);
    var unknown = PolicyView.describeSeen(AutoscaleFixtures.policy(),
        Map.of("selfplay", new PolicyView.Seen(java.util.Optional.of(observation), false)), AutoscaleFixtures.NOON);

    assertEquals("  now: " + unguarded.summary(), known.get(2));
    assertEquals("  now: " + DemandGuard.apply(false, unguarded).summary(), unknown.get(2));
    org.junit.jupiter.api.Assertions.assertTrue(
        unknown.get(2).startsWith("  now: hold: ") && unknown.get(2).endsWith("not scaling down while the demand is unknown"),
        unknown.get(2));
  }

  @Test
  void aGroupThatCouldNotBeObserved_holds_asTheTickSays() {
    var lines = PolicyView.describeSeen(AutoscaleFixtures.policy(),
        Map.of("selfplay", new PolicyView.Seen(java.util.Optional.empty(), true)), AutoscaleFixtures.NOON);

    assertEquals("  now: hold: the group could not be observed", lines.get(2));
  }

  @Test
  void aGrowingQueue_showsTheScaleUpTheTickWouldMake_fromTheKeptReadings() {
    var tick = new AutoscaleFixtures.Tick().busyInstances(2, 0.20).queued(140)
        .offers(AutoscaleFixtures.offer(1, "RTX 3070", 0.20, 0.99), AutoscaleFixtures.offer(2, "RTX 3070", 0.20, 0.99));
    var noon = AutoscaleFixtures.NOON;
    var kept = java.util.List.of(new DemandReading(noon.minus(java.time.Duration.ofMinutes(4)), 60),
        new DemandReading(noon.minus(java.time.Duration.ofMinutes(2)), 100));

    var growing = PolicyView.describeSeen(AutoscaleFixtures.policy(),
        Map.of("selfplay", new PolicyView.Seen(java.util.Optional.of(tick.observe()), true, kept)), noon);
    var flat = PolicyView.describeSeen(AutoscaleFixtures.policy(),
        Map.of("selfplay", new PolicyView.Seen(java.util.Optional.of(tick.observe()), true)), noon);

    assertTrue(growing.stream().anyMatch(line -> line.startsWith("  now: up")), growing.toString());
    assertTrue(flat.stream().anyMatch(line -> line.startsWith("  now: hold")), flat.toString());
  }
}
