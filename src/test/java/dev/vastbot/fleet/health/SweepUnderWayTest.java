package dev.vastbot.fleet.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.LoggedAlerts;
import dev.vastbot.fleet.HealthCheckRecord;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.StoreException;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.ssh.BoundedHostJson;
import dev.vastbot.testing.Eventually;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.HeldShell;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
/**
 * A sweep under way says how far it has come, a second sweep of the same hosts joins it instead of
 * probing them again, and recording its results in chunks never costs one host's check another's.
 */
class SweepUnderWayTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(1, "RTX 4090")
      .withReachableInstance(2, "RTX 4090").withReachableInstance(3, "RTX 4090");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final HeldShell shell = new HeldShell().hold();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  private HealthSweep sweep(FleetStore on) {
    return new HealthSweep(shell, on, new LoggedAlerts(), new HealthClassifier(new HealthThresholds(60, 80, 90),
        new BoundedHostJson()), new ProbeSettings("generate_data", "echo 0", 8770, "/health"),
        Duration.ofSeconds(5), clock);
  }

  @AfterEach
  void stop() {
    shell.release();
    threads.shutdownNow();
  }

  @Test
  void aSweepUnderWay_saysHowFarItHasCome_andASecondSweepOfTheSameHostsJoinsIt() throws Exception {
    HealthSweep sweep = sweep(store);
    List<Instance> instances = vast.listInstances();
    Future<List<HostHealth>> first = threads.submit(() -> sweep.sweep(instances));
    SweepProgress progress = Eventually.await("one host back", sweep::inProgress,
        p -> p.isPresent() && p.get().checked() == 1).orElseThrow();
    assertEquals(3, progress.total());
    assertTrue(sweep.underWayFor(List.of(1L, 2L, 3L)));
    assertTrue(sweep.lastChecks(instances).isEmpty(), "nothing recorded yet");

    var second = new java.util.concurrent.FutureTask<>(() -> sweep.sweep(instances));
    Thread joiner = new Thread(second, "second-sweep");
    joiner.start();
    // waiting for the first sweep's results (untimed), not on a host of its own (timed)
    Eventually.await("the second sweep waiting", joiner::getState, state -> state == Thread.State.WAITING);
    assertEquals(1, shell.sweeps(), "the second sweep joined the first");
    shell.release();
    List<HostHealth> results = first.get(10, TimeUnit.SECONDS);
    assertEquals(List.of(1L, 2L, 3L), results.stream().map(h -> h.instance().id()).toList());
    assertEquals(results.stream().map(h -> h.assessment().summary()).toList(),
        second.get(10, TimeUnit.SECONDS).stream().map(h -> h.assessment().summary()).toList());
    assertEquals(1, shell.sweeps());
    assertTrue(sweep.inProgress().isEmpty());
    assertEquals(3, sweep.lastChecks(instances).orElseThrow().size());
  }

  @Test
  void oneHostsRecordFailing_costsNoOtherHostItsCheck() throws Exception {
    HealthSweep sweep = sweep(failingFor(2));
    shell.release();
    List<HostHealth> results = sweep.sweep(vast.listInstances());
    assertEquals(List.of(1, 0, 1), results.stream().map(h -> h.streak().consecutiveFailures()).toList());
    assertTrue(results.get(1).assessment().reasons().contains("not recorded: StoreException"),
        results.get(1).assessment().summary());
    assertEquals(1, store.healthStreak(1).orElseThrow().consecutiveFailures());
    assertTrue(store.healthStreak(2).isEmpty());
    assertEquals(1, store.healthStreak(3).orElseThrow().consecutiveFailures());
  }

  /**
   * The in-memory store, except that a sweep's checks fail when recorded together (as a transaction
   * that one bad host rolls back) and instance {@code badId}'s fail on their own too.
   */
  private FleetStore failingFor(long badId) {
    return (FleetStore) Proxy.newProxyInstance(FleetStore.class.getClassLoader(), new Class<?>[] {FleetStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("recordHealthChecks")) {
            List<?> checks = (List<?>) args[0];
            if (checks.size() > 1 || ((HealthCheckRecord) checks.get(0)).instanceId() == badId) {
              throw new StoreException("could not record " + checks.size() + " health checks: disk full", null);
            }
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
