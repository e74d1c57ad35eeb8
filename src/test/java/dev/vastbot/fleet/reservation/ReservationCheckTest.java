package dev.vastbot.fleet.reservation;

import static dev.vastbot.fleet.autoscale.AutoscaleFixtures.NOON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.autoscale.AutoscaleFixtures;
import dev.vastbot.fleet.autoscale.Spend;
import dev.vastbot.fleet.autoscale.SpendSoFar;
import dev.vastbot.fleet.reservation.Commitments.LiveInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
/**
 * The rule every reservation passes, on what the store holds committed: the fleet's slots, the
 * group's slots in the window now on, and the forecast budget, each refusal with its numbers.
 */
class ReservationCheckTest {
  private static final Optional<String> SELFPLAY = Optional.of("selfplay");
  /** Wednesday 23:00 in Berlin: the night window (maximum 14) is on. */
  private static final Instant NIGHT = Instant.parse("2026-06-10T21:00:00Z");

  private final ReservationCheck check = new ReservationCheck(4, AutoscaleFixtures.policy());

  @Test
  void theFleetsCap_countsLiveInstancesAndOpenReservations_andNamesWhoHoldsThem() {
    var committed = new Commitments(live(2, Optional.empty(), 0.3), List.of(reservation(1, 12, Optional.empty())));

    Optional<Refusal> refusal = check.refusal(person(2), committed);

    assertEquals(Cap.FLEET_SLOTS, refusal.orElseThrow().cap());
    assertEquals("it would bring the fleet to 5 instances with 1 reserved by provision 12, above"
        + " scaling.max_instances 4 (VAST_AUTOSCALE_MAX)", refusal.get().reason());
    assertEquals(Optional.empty(), check.refusal(person(1), committed), "exactly at the cap fits");
  }

  @Test
  void instancesOnTheirWayOut_takeNoSlot() {
    var committed = new Commitments(live(4, SELFPLAY, 0.3), List.of());
    var replacingTwo = new ReservationRequest(9, SELFPLAY, 2, 0.6, Set.of(1L, 2L), Set.of(), spentNothing(), NOON,
        Duration.ofMinutes(30));

    assertEquals(Optional.empty(), check.refusal(replacingTwo, committed));
  }

  @Test
  void theGroupsCeiling_countsTheInstancesOnTheirWayOutToo() {
    // ten in the group, two of them old ones whose let-go failed: the maximum 10 leaves room for 2,
    // the ceiling (10 + max_concurrent_replacements 1) for 1
    var wide = new ReservationCheck(100, AutoscaleFixtures.policy());
    var committed = new Commitments(live(10, SELFPLAY, 0.1), List.of());
    var replacingTwo = new ReservationRequest(9, SELFPLAY, 2, 0.2, Set.of(1L, 2L), Set.of(), spentNothing(), NOON,
        Duration.ofMinutes(30));
    var replacingOne = new ReservationRequest(9, SELFPLAY, 1, 0.1, Set.of(1L, 2L), Set.of(), spentNothing(), NOON,
        Duration.ofMinutes(30));

    Refusal refusal = wide.refusal(replacingTwo, committed).orElseThrow();

    assertEquals(Cap.GROUP_SLOTS, refusal.cap());
    assertEquals("it would bring group selfplay to 12 instances counting those on their way out, above its ceiling"
        + " 11: maximum 10 (window default) + max_concurrent_replacements 1", refusal.reason());
    assertEquals(Optional.empty(), wide.refusal(replacingOne, committed), "exactly at the ceiling fits");
  }

  @Test
  void stoppedWarmPoolMembers_holdNoPlaceUnderTheGroupsCeiling_untilARestartReservesOne() {
    // ten in the group: eight running, two stopped in its warm pool; both restarted, one reservation each
    var wide = new ReservationCheck(100, AutoscaleFixtures.policy());
    var pooled = Set.of(9L, 10L);
    var oneRestarting = new Commitments(live(10, SELFPLAY, 0.1), List.of(reservation(1, 12, SELFPLAY)), pooled);
    var restartingTheOther = new ReservationRequest(13, SELFPLAY, 1, 0.1, pooled, Set.of(), spentNothing(), NOON,
        Duration.ofMinutes(30));

    assertEquals(Optional.empty(), wide.refusal(restartingTheOther, oneRestarting),
        "8 running + 2 restarts: the maximum 10, within the ceiling 11");
    var noneStopped = new Commitments(live(10, SELFPLAY, 0.1), List.of(reservation(1, 12, SELFPLAY)));
    assertEquals("it would bring group selfplay to 12 instances counting those on their way out with 1 reserved by"
        + " provision 12, above its ceiling 11: maximum 10 (window default) + max_concurrent_replacements 1",
        wide.refusal(restartingTheOther, noneStopped).orElseThrow().reason(), "ten that hold a place: no room");
  }

  @Test
  void theGroupsCap_isTheMaximumOfTheWindowNowOn() {
    var wide = new ReservationCheck(100, AutoscaleFixtures.policy());
    var committed = new Commitments(live(9, SELFPLAY, 0.1), List.of(reservation(1, 12, SELFPLAY)));

    Refusal byDay = wide.refusal(group(1, NOON), committed).orElseThrow();

    assertEquals(Cap.GROUP_SLOTS, byDay.cap());
    assertEquals("it would bring group selfplay to 11 instances with 1 reserved by provision 12, above its"
        + " maximum 10 (window default)", byDay.reason());
    assertEquals(Optional.empty(), wide.refusal(group(1, NIGHT), committed), "14 at night");
  }

  @Test
  void theBudget_countsWhatTheReservationsMayAdd_withTheForecastRuleOfTheAutoscaler() {
    // all groups: at most 10000 $ a month, so 13.44 $/h through July; 9 $/h running, 3 $/h reserved
    var committed = new Commitments(live(3, SELFPLAY, 3.0), List.of(new Reservation(1, 12, SELFPLAY, 2, 3.0,
        NOON.plusSeconds(600))));
    var wide = new ReservationCheck(100, AutoscaleFixtures.policy());

    Refusal refusal = wide.refusal(person(1, 2.0), committed).orElseThrow();

    assertEquals(Cap.BUDGET, refusal.cap());
    assertTrue(refusal.reason().startsWith("all groups next month's budget of 10000.00 $ would be passed"),
        refusal.reason());
    assertTrue(refusal.reason().endsWith("committed now 12.00 $/h (3.00 of it reserved by provision 12), this rent"
        + " adds up to 2.00 $/h"), refusal.reason());
    assertEquals(Optional.empty(), wide.refusal(person(1, 1.0), committed), "13.00 $/h fits");
  }

  @Test
  void aGroupsRent_isHeldToItsOwnBudgetFirst() {
    // the group: at most 10 $/h
    var committed = new Commitments(live(2, SELFPLAY, 4.0), List.of());
    var wide = new ReservationCheck(100, AutoscaleFixtures.policy());

    Refusal refusal = wide.refusal(group(1, NOON, 2.5), committed).orElseThrow();

    assertTrue(refusal.reason().startsWith("group selfplay hourly budget"), refusal.reason());
  }

  @Test
  void anApproval_liftsTheCapItWasAskedOver_andNoOther() {
    var committed = new Commitments(live(4, SELFPLAY, 0.3), List.of());
    var overBudget = new ReservationRequest(9, SELFPLAY, 1, 50, Set.of(), Set.of(Cap.BUDGET), spentNothing(), NOON,
        Duration.ofMinutes(30));
    var wide = new ReservationCheck(100, AutoscaleFixtures.policy());

    assertEquals(Optional.empty(), wide.refusal(overBudget, committed));
    assertEquals(Cap.FLEET_SLOTS, check.refusal(overBudget, committed).orElseThrow().cap());
  }

  @Test
  void withoutAnAutoscalerPolicy_onlyTheFleetsSlotsAreChecked() {
    var fleetOnly = ReservationCheck.fleetOnly(4);
    var committed = new Commitments(live(3, SELFPLAY, 100), List.of());

    assertEquals(Optional.empty(), fleetOnly.refusal(group(1, NOON, 1000), committed));
    assertEquals(Cap.FLEET_SLOTS, fleetOnly.refusal(group(2, NOON, 1), committed).orElseThrow().cap());
  }

  private static List<LiveInstance> live(int count, Optional<String> group, double rate) {
    var live = new ArrayList<LiveInstance>();
    for (long id = 1; id <= count; id++) {
      live.add(new LiveInstance(id, group, rate));
    }
    return live;
  }

  private static Reservation reservation(int slots, long operation, Optional<String> group) {
    return new Reservation(100 + operation, operation, group, slots, 0.5 * slots, NOON.plusSeconds(600));
  }

  private static ReservationRequest person(int slots) {
    return person(slots, 0.1 * slots);
  }

  private static ReservationRequest person(int slots, double rate) {
    return new ReservationRequest(7, Optional.empty(), slots, rate, Set.of(), Set.of(), spentNothing(), NOON,
        Duration.ofMinutes(30));
  }

  private static ReservationRequest group(int slots, Instant at) {
    return group(slots, at, 0.1 * slots);
  }

  private static ReservationRequest group(int slots, Instant at, double rate) {
    return new ReservationRequest(8, SELFPLAY, slots, rate, Set.of(), Set.of(), spentNothing(), at,
        Duration.ofMinutes(30));
  }

  private static SpendSoFar spentNothing() {
    return new SpendSoFar(Spend.none(), Spend.none());
  }
}
