package dev.vastbot.app;

import static dev.vastbot.app.BotMetricsTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.StoreException;
import dev.vastbot.fleet.approval.ApprovalRequest;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** The gauges read at each scrape: pending approvals, the fleet by state, the spend rate. */
class BotMetricsGaugesTest {
  private static final Duration BOUND = Duration.ofMinutes(2);
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider()
      .withRunningInstance(1, "RTX 4090").withRunningInstance(2, "RTX 4090").withRunningInstance(3, "RTX 3090");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final Queue<Runnable> background = new ArrayDeque<>();
  private final CachedFleetSnapshots snapshots = new CachedFleetSnapshots(vast, store, clock, BOUND, background::add);
  private final BotMetrics metrics = new BotMetrics(clock);

  private void runBackgroundWork() {
    while (!background.isEmpty()) {
      background.poll().run();
    }
  }

  @Test
  void pendingApprovals_countTheUndecidedRequests() {
    metrics.bindGauges(store, snapshots);
    store.recordApprovalRequest(ApprovalRequest.pending(1, "terminate", "instance 1", "alice", "idle",
        clock.instant(), clock.instant().plus(Duration.ofHours(1))));
    store.recordApprovalRequest(ApprovalRequest.pending(2, "terminate", "instance 2", "alice", "idle",
        clock.instant(), clock.instant().plus(Duration.ofHours(1))));

    assertTrue(metrics.scrape().contains("vastbot_approvals_pending 2.0"), metrics.scrape());
  }

  @Test
  void theFleetByState_andItsSpendRate_comeFromTheSnapshot() {
    metrics.bindGauges(store, snapshots);
    vast.setState(3, InstanceState.STOPPED);
    snapshots.current();

    String scrape = metrics.scrape();

    assertTrue(scrape.contains("vastbot_fleet_instances{state=\"running\"} 2.0"), scrape);
    assertTrue(scrape.contains("vastbot_fleet_instances{state=\"stopped\"} 1.0"), scrape);
    assertTrue(scrape.contains("vastbot_fleet_instances{state=\"loading\"} 0.0"), scrape);
    assertEquals(0.81, value(scrape, "vastbot_fleet_spend_dollars_per_hour"), 1e-9,
        "two running at $0.40/h, one stopped at $0.01/h (as /vast status computes it)");
  }

  @Test
  void scrapingBeforeAnyList_listsNothing_andShowsTheFleetAsNaN() {
    metrics.bindGauges(store, snapshots);

    String scrape = metrics.scrape();
    runBackgroundWork();

    assertEquals(0, vast.listCount(), "none now, none in the background");
    assertTrue(scrape.contains("vastbot_fleet_instances{state=\"running\"} NaN"), scrape);
    assertTrue(scrape.contains("vastbot_fleet_spend_dollars_per_hour NaN"), scrape);
  }

  @Test
  void scrapingAnOldSnapshot_startsNoRefresh() {
    metrics.bindGauges(store, snapshots);
    snapshots.current();
    clock.advance(BOUND.plusSeconds(1));

    String scrape = metrics.scrape();
    runBackgroundWork();

    assertEquals(1, vast.listCount(), "a scrape is no reader that refreshes the snapshot");
    assertTrue(scrape.contains("vastbot_fleet_instances{state=\"running\"} 3.0"), scrape);
  }

  @Test
  void aGaugeWhoseSourceThrows_showsNaN_andTheScrapeGoesOn() {
    FleetStore broken = (FleetStore) Proxy.newProxyInstance(FleetStore.class.getClassLoader(),
        new Class<?>[] {FleetStore.class}, (proxy, method, args) -> {
          throw new StoreException("database is locked", null);
        });
    FleetSnapshots unreadable = new FleetSnapshots() {
      @Override
      public FleetSnapshot current() {
        throw new AssertionError("a scrape never lists");
      }

      @Override
      public FleetSnapshot refresh() {
        throw new AssertionError("a scrape never lists");
      }

      @Override
      public Optional<Instance> reread(long id) {
        throw new AssertionError("a scrape never reads an instance");
      }

      @Override
      public Optional<FleetSnapshot> peek() {
        throw new IllegalStateException("snapshot unreadable");
      }
    };
    metrics.bindGauges(broken, unreadable);
    metrics.timed("health", () -> "ok");

    String scrape = metrics.scrape();

    assertTrue(scrape.contains("vastbot_approvals_pending NaN"), scrape);
    assertTrue(scrape.contains("vastbot_fleet_instances{state=\"running\"} NaN"), scrape);
    assertTrue(scrape.contains("vastbot_fleet_spend_dollars_per_hour NaN"), scrape);
    assertTrue(scrape.contains("vastbot_loop_ticks_total{loop=\"health\",outcome=\"ok\"} 0.0"),
        "the other meters are still there: " + scrape);
  }

  @Test
  void gaugesAreBoundOnce() {
    metrics.bindGauges(store, snapshots);
    assertThrows(IllegalStateException.class, () -> metrics.bindGauges(store, snapshots));
  }
}
