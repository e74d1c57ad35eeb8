package dev.vastbot.service.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.BootOutcome;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProvisionOrder;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.ProvisionResult;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
class ProvisionerTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider provider = new FakeGpuProvider()
      .withOffer(1, "RTX 4090", 0.30, 0.99)
      .withOffer(2, "RTX 4090", 0.40, 0.99)
      .withOffer(3, "RTX 4090", 0.45, 0.90)
      .withOffer(4, "RTX 4090", 0.70, 0.99);
  private final InMemoryFleetStore store = new InMemoryFleetStore();

  private Provisioner provisioner(int maxInstances) {
    var policy = new ProvisionPolicy("img", 50, 0.50, 0.95, "", Map.of(), maxInstances,
        Duration.ofMinutes(5), Duration.ofSeconds(10));
    return new Provisioner(provider, store, new InstanceWaiter(provider, clock, clock.pause()), policy, clock, Optional::empty, Provisioner.InstancePreparation.NONE);
  }

  @Test
  void takenOffer_isSkipped_forTheNextCheapest() throws Exception {
    provider.takeOffer(1);
    ProvisionResult result = provisioner(10).provision(new ProvisionOrder("RTX 4090", 1, Optional.empty()), Actor.CLI);
    assertTrue(result.succeeded(1));
    assertEquals(List.of("create 1 vastbot:op1-1", "create 2 vastbot:op1-1"), provider.calls());
    assertEquals(OperationState.SUCCEEDED, store.operation(1).orElseThrow().state());
  }

  @Test
  void fleetCap_refusesBeforeRentingAnything() throws Exception {
    provider.withRunningInstance(7, "RTX 3090");
    ProvisionResult result = provisioner(2).provision(new ProvisionOrder("RTX 4090", 2, Optional.empty()), Actor.CLI);
    assertTrue(result.refusal().contains("bring the fleet to 3 instances, above scaling.max_instances 2"),
        result.refusal());
    assertTrue(provider.calls().isEmpty());
    assertEquals(OperationState.FAILED, store.operation(1).orElseThrow().state());
    assertTrue(store.recentAudit(1).get(0).outcome().startsWith("refused"));
  }

  @Test
  void aCreateThatFails_givesItsSlotBack_soTheNextProvisionFitsTheCap() throws Exception {
    var failures = new java.util.concurrent.atomic.AtomicInteger(1);
    provider.beforeEachCreate(create -> {
      if (failures.getAndDecrement() > 0) {
        throw new ProviderException(ProviderException.Reason.REJECTED, 400, "the host refused the create");
      }
    });
    ProvisionResult failed = provisioner(2).provision(new ProvisionOrder("RTX 4090", 2, Optional.empty()), Actor.CLI);
    assertTrue(failed.notes().contains("the host refused the create"), failed.notes().toString());
    assertEquals(List.of(), store.openReservations(clock.instant()), "nothing left reserved");

    ProvisionResult next = provisioner(2).provision(new ProvisionOrder("RTX 4090", 2, Optional.empty()), Actor.CLI);

    assertNull(next.refusal(), "the failed create's slots are free again");
    assertTrue(next.succeeded(2), next.notes().toString());
  }

  @Test
  void anInstanceCreated_isCountedAtOnce_beforeAnyListShowsIt() throws Exception {
    provider.beforeEachCreate(create -> {
      if (create.label().endsWith("-2")) {
        assertEquals(1, store.trackedInstances().stream().filter(t -> !t.gone()).count(),
            "the first instance is tracked as soon as it is created");
        assertEquals(1, store.openReservations(clock.instant()).get(0).slots(), "and its slot is used up");
      }
    });

    ProvisionResult result = provisioner(2).provision(new ProvisionOrder("RTX 4090", 2, Optional.empty()), Actor.CLI);

    assertTrue(result.succeeded(2), result.notes().toString());
  }

  @Test
  void priceAboveConfiguredCeiling_isRefused() throws Exception {
    ProvisionResult result = provisioner(10).provision(new ProvisionOrder("RTX 4090", 1, Optional.of(0.9)), Actor.CLI);
    assertTrue(result.refusal().contains("above provision.max_price $0.50/h"), result.refusal());
    assertTrue(provider.calls().isEmpty());
  }

  @Test
  void unreliableAndExpensiveOffers_areNotRented() throws Exception {
    ProvisionResult result = provisioner(10).provision(new ProvisionOrder("RTX 4090", 3, Optional.empty()), Actor.CLI);
    assertNull(result.refusal());
    assertEquals(2, result.boots().size());
    assertTrue(result.notes().contains("only 2 of 3 matching offers could be rented"), result.notes().toString());
    assertEquals(OperationState.FAILED, store.operation(1).orElseThrow().state());
  }

  @Test
  void instanceThatNeverBoots_timesOutAtTheDeadline_measuredOnTheClock() throws Exception {
    provider.neverBoot();
    var start = clock.instant();
    ProvisionResult result = provisioner(10).provision(new ProvisionOrder("RTX 4090", 1, Optional.empty()), Actor.CLI);
    assertEquals(BootOutcome.Kind.TIMED_OUT, result.boots().get(0).kind());
    Duration waited = Duration.between(start, clock.instant());
    assertTrue(waited.compareTo(Duration.ofMinutes(5)) >= 0 && waited.compareTo(Duration.ofMinutes(6)) < 0,
        waited.toString());
  }
}
