package dev.vastbot.fleet.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.CreateRequest;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.RentalType;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.service.provision.InstanceWaiter;
import dev.vastbot.service.work.InstanceRestarts;
import dev.vastbot.service.work.Keepalive;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.vast.ApiKey;
import dev.vastbot.vast.VastClient;
import dev.vastbot.vast.VastClientSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
/**
 * Restart of stopped instances through the real client and the simulated API, on a test clock: one
 * comes back; one whose GPU was taken is marked for replacement once and not retried again.
 */
class RestartStoppedTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SimMarketplace marketplace = new SimMarketplace(clock, SimSettings.defaults());
  private final SimVastServer server = SimVastServer.start(marketplace, 0);
  private final VastClient client = VastClient.create(new OkHttpClient(), 
      VastClientSettings.defaults(server.apiUrl(), ApiKey.of(marketplace.apiKey())).withTime(clock, clock.pause()));
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final Keepalive keepalive = new Keepalive(dev.vastbot.fleet.port.FleetSnapshots.uncached(client, clock),
      new UnusedShell(), store, null, null,
      InstanceRestarts.unprepared(client, new InstanceWaiter(client, clock, clock.pause())),
      new KeepalivePolicy(Duration.ofMinutes(10), Duration.ofSeconds(10), 3, Duration.ofSeconds(10)), clock);

  @AfterEach
  void stop() {
    server.close();
  }

  private long rentAndStop(int offerIndex) {
    var offers = client.searchOffers(new OfferQuery(Optional.of("RTX 3090"), Optional.empty(), 0, Optional.empty(),
        RentalType.ON_DEMAND, 10, 10));
    long id = client.createInstance(new CreateRequest(offers.get(offerIndex).id(), "img", 10, Map.of(), "",
        "t-" + offerIndex, Optional.empty()));
    clock.advance(Duration.ofMinutes(1));
    client.stopInstance(id);
    return id;
  }

  @Test
  void stoppedInstance_comesBack_andOneWhoseGpuWasTaken_isMarkedForReplacementOnce() throws Exception {
    long comesBack = rentAndStop(0);
    long gpuTaken = rentAndStop(1);
    marketplace.faults().gpuTakenOnRestart(gpuTaken);

    Map<Long, String> first = keepalive.restartStopped(client.listInstances(), Actor.CLI);
    assertEquals("running again", first.get(comesBack));
    assertTrue(first.get(gpuTaken).startsWith("marked for replacement: did not come back within 10 min"),
        first.get(gpuTaken));
    assertEquals(InstanceState.RUNNING, client.findInstance(comesBack).orElseThrow().state());
    var marks = store.openOperations(Keepalive.REPLACE);
    assertEquals(1, marks.size());
    assertEquals(OperationState.AWAITING_APPROVAL, marks.get(0).state());

    Map<Long, String> second = keepalive.restartStopped(client.listInstances(), Actor.CLI);
    assertEquals("marked for replacement earlier; not restarted again", second.get(gpuTaken));
    assertEquals(1, store.openOperations(Keepalive.REPLACE).size());
  }

  @Test
  void instanceStoppedOnPurpose_isLeftStopped_untilAPersonReleasesIt() throws Exception {
    var offers = client.searchOffers(new OfferQuery(Optional.of("RTX 3090"), Optional.empty(), 0, Optional.empty(),
        RentalType.ON_DEMAND, 10, 10));
    long id = client.createInstance(new CreateRequest(offers.get(0).id(), "img", 10, Map.of(), "", "held",
        Optional.empty()));
    clock.advance(Duration.ofMinutes(1));
    keepalive.stopOnPurpose(id, new Actor("U123"));
    clock.advance(Duration.ofSeconds(10));

    Map<Long, String> pass = keepalive.restartStopped(client.listInstances(), Actor.CLI);
    assertEquals("stopped on purpose by U123; /vast restart " + id + " brings it back", pass.get(id));
    assertEquals(InstanceState.STOPPED, client.findInstance(id).orElseThrow().state());

    keepalive.releaseHold(id, new Actor("U123"));
    assertEquals("running again", keepalive.restartStopped(client.listInstances(), Actor.CLI).get(id));
    assertTrue(store.recentAudit(5).stream().anyMatch(a -> a.action().equals("stop") && a.actor().equals("U123")));
  }

  /** Restarting stopped instances needs no SSH. */
  private static final class UnusedShell implements RemoteShell {
    @Override
    public ShellOutcome run(SshTarget target, String command, Duration deadline) {
      throw new AssertionError("no SSH expected");
    }

    @Override
    public Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command, Duration deadline) {
      throw new AssertionError("no SSH expected");
    }

    @Override
    public void close() {}
  }
}
