package dev.vastbot.store;

import static dev.vastbot.store.JdbcFleetStoreTest.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.autoscale.PoolMember;
import dev.vastbot.fleet.autoscale.Spend;
import dev.vastbot.fleet.autoscale.SpendSoFar;
import dev.vastbot.fleet.reservation.Commitments;
import dev.vastbot.fleet.reservation.CreatedInstance;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.fleet.reservation.ReservationCheck;
import dev.vastbot.fleet.reservation.ReservationOutcome;
import dev.vastbot.fleet.reservation.ReservationRequest;
import dev.vastbot.fleet.reservation.SlotLabel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reservations in the store, with two store objects on one database where it matters (two
 * processes): a reserver killed mid-rent holds its slots only until its lease ends; an instance
 * takes one slot however often its create is recorded and whether a list or its rent shows it
 * first; a list taken before a create does not mark the new instance gone; what is left is
 * released; the instances stopped in a warm pool are named in what is committed. Runs on SQLite and on PostgreSQL (subclasses).
 */
abstract class ReservationStoreScenario {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(30);
  private static final ReservationCheck CAP_OF_FOUR = ReservationCheck.fleetOnly(4);
  @TempDir Path dir;

  /** The database the test's store objects open. */
  abstract String url(Path dir);

  @Test
  void aReserverKilledMidRent_holdsItsSlotsOnlyUntilItsLeaseEnds() {
    String url = url(dir);
    try (JdbcFleetStore killed = JdbcFleetStore.open(url);
        JdbcFleetStore other = JdbcFleetStore.open(url)) {
      assertTrue(killed.reserve(request(1, 3, T0), CAP_OF_FOUR).granted().isPresent());
      // its process dies here: nothing is created, nothing released

      var held = other.reserve(request(2, 2, T0.plus(LEASE).minusSeconds(1)), CAP_OF_FOUR);
      var lapsed = other.reserve(request(3, 2, T0.plus(LEASE)), CAP_OF_FOUR);

      assertEquals("it would bring the fleet to 5 instances with 3 reserved by provision 1, above"
          + " scaling.max_instances 4 (VAST_AUTOSCALE_MAX)", held.refusal().orElseThrow().reason());
      assertTrue(lapsed.granted().isPresent(), "the lease ended: " + lapsed);
      assertEquals(List.of(3L), killed.openReservations(T0.plus(LEASE)).stream()
          .map(Reservation::operationId).toList());
    }
  }

  @Test
  void aRetriedCreate_takesNoSecondSlot() {
    try (JdbcFleetStore store = JdbcFleetStore.open(url(dir))) {
      Reservation reservation = granted(store.reserve(request(1, 2, T0), CAP_OF_FOUR));

      assertTrue(store.recordCreated(reservation.id(), created(501, 1, 1), T0.plusSeconds(1), T0.plus(LEASE)));
      assertTrue(store.recordCreated(reservation.id(), created(501, 1, 1), T0.plusSeconds(2), T0.plus(LEASE)));

      assertEquals(1, store.openReservations(T0.plusSeconds(2)).get(0).slots());
      assertEquals("it would bring the fleet to 5 instances with 1 reserved by provision 1, above"
          + " scaling.max_instances 4 (VAST_AUTOSCALE_MAX)",
          store.reserve(request(2, 3, T0.plusSeconds(3)), CAP_OF_FOUR).refusal().orElseThrow().reason());
    }
  }

  @Test
  void anInstanceAListShowsBeforeItsCreateIsRecorded_takesItsSlotOnce() {
    String url = url(dir);
    try (JdbcFleetStore renter = JdbcFleetStore.open(url);
        JdbcFleetStore observer = JdbcFleetStore.open(url)) {
      Reservation reservation = granted(renter.reserve(request(7, 2, T0), CAP_OF_FOUR));

      observer.recordObservation(List.of(instance(601, SlotLabel.of(7, 1), InstanceState.LOADING, "loading")),
          T0.plusSeconds(1));
      assertEquals(1, renter.openReservations(T0.plusSeconds(1)).get(0).slots(), "the list took the slot");
      renter.recordCreated(reservation.id(), created(601, 7, 1), T0.plusSeconds(2), T0.plus(LEASE));

      assertEquals(1, renter.openReservations(T0.plusSeconds(2)).get(0).slots(), "and the create took none");
      assertEquals("it would bring the fleet to 5 instances with 1 reserved by provision 7, above"
          + " scaling.max_instances 4 (VAST_AUTOSCALE_MAX)",
          observer.reserve(request(8, 3, T0.plusSeconds(3)), CAP_OF_FOUR).refusal().orElseThrow().reason());
    }
  }

  @Test
  void aListTakenBeforeTheCreate_doesNotMarkTheNewInstanceGone_untilItsLeaseEnds() {
    String url = url(dir);
    try (JdbcFleetStore renter = JdbcFleetStore.open(url);
        JdbcFleetStore observer = JdbcFleetStore.open(url)) {
      Reservation reservation = granted(renter.reserve(request(1, 1, T0), CAP_OF_FOUR));
      Instant created = T0.plusSeconds(1);
      renter.recordCreated(reservation.id(), created(701, 1, 1), created, created.plus(LEASE));
      renter.releaseReservation(reservation.id());

      observer.recordObservation(List.of(), T0.plusSeconds(2)); // listed before the create, recorded after

      assertFalse(observer.trackedInstance(701).orElseThrow().gone());
      assertEquals("it would bring the fleet to 5 instances, above scaling.max_instances 4 (VAST_AUTOSCALE_MAX)",
          observer.reserve(request(2, 4, T0.plusSeconds(3)), CAP_OF_FOUR).refusal().orElseThrow().reason());
      observer.recordObservation(List.of(), created.plus(LEASE));
      assertTrue(observer.trackedInstance(701).orElseThrow().gone(), "no list showed it for a whole lease");
    }
  }

  @Test
  void anInstanceCreatedForAGroup_isTheGroupsAtOnce_andReleasingGivesBackWhatIsLeft() {
    try (JdbcFleetStore store = JdbcFleetStore.open(url(dir))) {
      var forGroup = new ReservationRequest(4, Optional.of("selfplay"), 3, 3.0, Set.of(), Set.of(), nothingSpent(),
          T0, LEASE);
      Reservation reservation = granted(store.reserve(forGroup, CAP_OF_FOUR));
      store.recordCreated(reservation.id(), created(801, 4, 1), T0.plusSeconds(1), T0.plus(LEASE));

      assertEquals("selfplay", store.autoscaleGroups().get(801L));
      store.releaseReservation(reservation.id());
      assertEquals(List.of(), store.openReservations(T0.plusSeconds(2)));
      assertTrue(store.reserve(request(5, 3, T0.plusSeconds(2)), CAP_OF_FOUR).granted().isPresent(),
          "1 instance and 3 new fit 4");
    }
  }

  @Test
  void aDestroyedInstance_andOneStoppedInAWarmPool_holdNoSlotBeforeTheNextList() {
    try (JdbcFleetStore store = JdbcFleetStore.open(url(dir))) {
      store.recordObservation(List.of(instance(601, "", InstanceState.RUNNING, "running"),
          instance(602, "", InstanceState.RUNNING, "running"),
          instance(603, "", InstanceState.STOPPED, "stopped")), T0);
      List.of(601L, 602L, 603L).forEach(id -> store.assignAutoscaleGroup(id, "g", T0));
      store.addPoolMember(new dev.vastbot.fleet.autoscale.PoolMember(603, "g", T0, T0, 10, 0.01, 0.4));
      assertEquals(2, committed(store, T0).holding(Optional.of("g")), "the pool member is not held");
      assertEquals(3, committed(store, T0).staying(Optional.of("g"), Set.of()), "but it is live (it bills)");

      store.recordGone(601, T0.plusSeconds(5));
      store.recordGone(601, T0.plusSeconds(9)); // once

      assertEquals(1, committed(store, T0.plusSeconds(10)).holding(Optional.of("g")));
      assertEquals(T0.plusSeconds(5), store.trackedInstance(601).orElseThrow().goneAt());
    }
  }

  /** What the store counts as committed at {@code at}, as a reservation's rule sees it. */
  private static dev.vastbot.fleet.reservation.Commitments committed(JdbcFleetStore store, Instant at) {
    var seen = new java.util.concurrent.atomic.AtomicReference<dev.vastbot.fleet.reservation.Commitments>();
    store.reserve(request(99, 1, at), (request, committed) -> {
      seen.set(committed);
      return Optional.of(new dev.vastbot.fleet.reservation.Refusal(
          dev.vastbot.fleet.reservation.Cap.FLEET_SLOTS, "only looking"));
    });
    return seen.get();
  }

  void whatIsCommitted_namesTheInstancesStoppedInAWarmPool() {
    try (JdbcFleetStore store = JdbcFleetStore.open(url(dir))) {
      store.recordObservation(List.of(instance(901, "C.901", InstanceState.STOPPED, "stopped"),
          instance(902, "C.902", InstanceState.RUNNING, "running")), T0);
      store.addPoolMember(new PoolMember(901, "selfplay", T0, T0.minusSeconds(60), 50, 0.01, 0.5));
      var seen = new ArrayList<Commitments>();

      store.reserve(request(1, 1, T0.plusSeconds(1)), (request, committed) -> {
        seen.add(committed);
        return Optional.empty();
      });

      assertEquals(Set.of(901L), seen.get(0).pooled());
      assertEquals(2, seen.get(0).live().size(), "a pool member is live still (its storage bills)");
    }
  }

  private static ReservationRequest request(long operation, int slots, Instant at) {
    return new ReservationRequest(operation, Optional.empty(), slots, 0.5 * slots, Set.of(), Set.of(),
        nothingSpent(), at, LEASE);
  }

  private static CreatedInstance created(long id, long operation, int slot) {
    return new CreatedInstance(id, SlotLabel.of(operation, slot), "RTX 4090", 1, 0.5);
  }

  private static Reservation granted(ReservationOutcome outcome) {
    return outcome.granted().orElseThrow(() -> new AssertionError("refused: " + outcome.refusal()));
  }

  private static SpendSoFar nothingSpent() {
    return new SpendSoFar(Spend.none(), Spend.none());
  }
}
