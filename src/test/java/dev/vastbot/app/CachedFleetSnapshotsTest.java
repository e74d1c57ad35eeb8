package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.testing.Eventually;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class CachedFleetSnapshotsTest {
  private static final Duration BOUND = Duration.ofMinutes(2);
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider()
      .withRunningInstance(1, "RTX 4090").withRunningInstance(2, "RTX 3090");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final Queue<Runnable> background = new ArrayDeque<>();
  private final Executor later = background::add;
  private final CachedFleetSnapshots snapshots = new CachedFleetSnapshots(vast, store, clock, BOUND, later);

  private void runBackgroundWork() {
    while (!background.isEmpty()) {
      background.poll().run();
    }
  }

  @Test
  void theFirstReadLists_laterReadsWithinTheBoundDoNot() {
    assertEquals(2, snapshots.current().instances().size());
    clock.advance(Duration.ofSeconds(90));
    FleetSnapshot again = snapshots.current();
    assertEquals(1, vast.listCount());
    assertEquals(Duration.ofSeconds(90), again.age(clock.instant()));
    assertEquals(2, store.trackedInstances().size(), "the store's view is written from the list");
  }

  @Test
  void peek_neitherListsFirst_norRefreshesAnOldSnapshot() {
    assertEquals(java.util.Optional.empty(), snapshots.peek());
    snapshots.current();
    clock.advance(BOUND.plusSeconds(1));
    FleetSnapshot peeked = snapshots.peek().orElseThrow();
    runBackgroundWork();
    assertEquals(2, peeked.instances().size());
    assertEquals(1, vast.listCount(), "no list before the first read, none in the background after");
  }

  @Test
  void anOldSnapshot_isReturnedAtOnce_andRefreshedInTheBackground() {
    snapshots.current();
    vast.withRunningInstance(3, "RTX 4090");
    clock.advance(BOUND.plusSeconds(1));
    FleetSnapshot old = snapshots.current();
    assertEquals(2, old.instances().size(), "the reader gets the old one, not a wait");
    assertEquals(BOUND.plusSeconds(1), old.age(clock.instant()));
    assertEquals(1, vast.listCount(), "the list runs in the background, not in the reader");
    runBackgroundWork();
    assertEquals(2, vast.listCount());
    FleetSnapshot fresh = snapshots.current();
    assertEquals(3, fresh.instances().size());
    assertEquals(Duration.ZERO, fresh.age(clock.instant()));
  }

  @Test
  void aReaderNeverWaitsBehindASlowList() throws Exception {
    var pool = Executors.newSingleThreadExecutor();
    try {
      var real = new CachedFleetSnapshots(vast, store, clock, BOUND, pool);
      real.current();
      var gate = new CountDownLatch(1);
      vast.holdListsUntil(gate);
      clock.advance(BOUND.plusSeconds(1));
      for (int i = 0; i < 50; i++) {
        assertEquals(2, real.current().instances().size());
      }
      assertEquals(1, vast.listCount(), "the background list is still waiting");
      vast.withRunningInstance(3, "RTX 4090");
      gate.countDown();
      Eventually.await("the background list lands", () -> real.current().instances().size(), n -> n == 3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedRefresh_keepsTheLastGoodSnapshot_markedStaleWithTheReason_neverEmpty() {
    snapshots.current();
    clock.advance(BOUND.plusSeconds(1));
    vast.failNextCall(new ProviderException(ProviderException.Reason.UNAVAILABLE, 503, "Vast is unavailable"));
    snapshots.current();
    runBackgroundWork();
    FleetSnapshot kept = snapshots.current();
    assertEquals(2, kept.instances().size());
    assertTrue(kept.stale());
    assertTrue(kept.staleReason().contains("Vast is unavailable"), kept.staleReason());

    vast.failNextCall(new ProviderException(ProviderException.Reason.TIMEOUT, 0, "no answer"));
    assertThrows(ProviderException.class, snapshots::refresh, "a forced list says it failed");
    assertEquals(2, snapshots.current().instances().size());
    assertTrue(snapshots.current().staleReason().contains("no answer"));

    snapshots.refresh();
    assertFalse(snapshots.current().stale(), "a good list clears the mark");
  }

  @Test
  void withoutAnySnapshot_aFailedFirstListIsAnError_notAnEmptyFleet() {
    vast.failNextCall(new ProviderException(ProviderException.Reason.UNAVAILABLE, 503, "Vast is unavailable"));
    assertThrows(ProviderException.class, snapshots::current);
  }

  @Test
  void rereadingOneInstance_updatesItInTheSnapshot_andAGoneOneLeavesIt() {
    snapshots.current();
    vast.setState(1, InstanceState.STOPPED);
    vast.forget(2);
    snapshots.reread(1);
    snapshots.reread(2);
    FleetSnapshot now = snapshots.current();
    assertEquals(InstanceState.STOPPED, now.instance(1).orElseThrow().state());
    assertTrue(now.instance(2).isEmpty());
    assertEquals(1, vast.listCount(), "no full list for it");
  }

  @Test
  void anUpdateDuringABackgroundList_isNotUndoneByThatList() {
    snapshots.current();
    clock.advance(BOUND.plusSeconds(1));
    snapshots.current();
    vast.setState(1, InstanceState.STOPPED);
    snapshots.reread(1);
    vast.setState(1, InstanceState.RUNNING);
    runBackgroundWork();
    assertEquals(InstanceState.STOPPED, snapshots.current().instance(1).orElseThrow().state(),
        "a list that started before the change does not overwrite it");
  }

  @Test
  void actingThroughTheProvider_updatesTheSnapshot_withoutAFullList() {
    var provider = new SnapshotKeepingProvider(vast, snapshots);
    snapshots.current();
    vast.setState(2, InstanceState.STOPPED);
    provider.stopInstance(2);
    assertEquals(InstanceState.STOPPED, snapshots.current().instance(2).orElseThrow().state());
    provider.destroyInstance(1);
    assertTrue(snapshots.current().instance(1).isEmpty());
    assertEquals(1, vast.listCount());
    provider.listInstances();
    assertEquals(2, vast.listCount(), "a full list through the provider replaces the snapshot");
  }
}
