package dev.vastbot.fleet.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vastbot.fleet.InstanceState;
import dev.vastbot.service.autoscale.SpendSoFarReader;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
/**
 * The budget forecast of a group counts its warm pool at the storage its stopped members bill: the
 * group's rate, from which every scale-up's forecast starts, takes a stopped member at its storage
 * price (and a running one at its full price).
 */
class WarmPoolBudgetTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aStoppedPoolMember_countsInTheGroupsRate_atItsStoragePrice() {
    var store = new InMemoryFleetStore();
    var vast = new FakeGpuProvider().withReachableInstance(1, "RTX 4090").withReachableInstance(2, "RTX 4090");
    store.assignAutoscaleGroup(1, "selfplay", NOW);
    store.assignAutoscaleGroup(2, "selfplay", NOW);
    vast.setState(2, InstanceState.STOPPED);
    store.addPoolMember(new PoolMember(2, "selfplay", NOW, NOW, 50, 0.01, 0.40));

    SpendSoFar spend = SpendSoFarReader.read(store, NOW.atZone(ZoneOffset.UTC))
        .of(Optional.of("selfplay"), vast.listInstances());

    assertEquals(0.40 + 0.01, spend.group().ratePerHour(), 1e-9, "running 0.40 $/h + the member's storage");
    assertEquals(0.01, WarmPoolKeeper.storageDph(store.poolMembers()), 1e-9);
  }
}
