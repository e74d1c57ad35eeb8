package dev.vastbot.service.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.Vastbot;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.Account;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.CreateRequest;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.autoscale.ScalingDecision;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.service.termination.Terminator;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider failure in the middle of an action ends it, and the outcome and the audit keep what
 * was done before it, then the failure: a scale-down of two whose second termination Vast refuses
 * says that the first awaits approval, then why the second failed.
 */
class AutoscalerProviderFailureTest {
  @TempDir Path dir;
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider fake = new FakeGpuProvider().withReachableInstance(1, "RTX 4090")
      .withReachableInstance(2, "RTX 4090").withReachableInstance(3, "RTX 4090");
  private final ProvisionPolicy provision = new ProvisionPolicy("img", 50, 0.50, 0.95, "", Map.of(), 10,
      Duration.ofMinutes(5), Duration.ofSeconds(10));

  @Test
  void aScaleDownThatVastFailsHalfway_keepsWhatWasDoneBeforeTheFailure() throws Exception {
    for (long id = 1; id <= 3; id++) {
      store.recordHealthCheck(id, true, "healthy", clock.instant()); // reachable: a scale-down may take it
    }
    try (Vastbot bot = bot(new RefusingLookupsOf(fake, 2))) {
      Autoscaler.Outcome outcome = bot.autoscaler().scaleDown(Optional.of("selfplay-4090"), 2, Actor.CLI);

      assertEquals(ScalingDecision.Kind.DOWN, outcome.decision().kind(), outcome.toString());
      assertEquals(List.of(1L, 2L), outcome.decision().instanceIds(), outcome.toString());
      long first = store.openOperations(Terminator.KIND).get(0).id();
      assertEquals(List.of("vast-1: termination " + first + " awaits approval", "failed: Vast API: forbidden"),
          outcome.done());
      AuditEntry audited = store.recentAudit(50).stream().filter(entry -> entry.action().equals("autoscale-down"))
          .findFirst().orElseThrow();
      assertTrue(audited.outcome().endsWith("→ vast-1: termination " + first
          + " awaits approval; failed: Vast API: forbidden"), audited.outcome());
    }
  }

  private Vastbot bot(GpuProvider provider) throws Exception {
    Files.writeString(dir.resolve("vastbot.yaml"), """
        autoscaler:
          groups:
            selfplay-4090:
              min_instances: 1
              max_instances: 3
              gpu_types: [RTX 4090]
              max_price: 2.0
              scale_down_cooldown_minutes: 0
              max_terminations_per_tick: 2
              budget: {daily_usd: 1000, monthly_usd: 100000}
              demand: {source: file, file: %s}
        """.formatted(dir.resolve("queue")));
    Files.writeString(dir.resolve("queue"), "0\n");
    return new Vastbot(BotParts.of(ConfigLoader.load(dir, Map.of(), dir), provision, provider, store, clock));
  }

  /** The fake marketplace, but Vast refuses every look-up of one instance (its key lost the right). */
  private record RefusingLookupsOf(FakeGpuProvider vast, long refused) implements GpuProvider {
    @Override
    public Optional<Instance> findInstance(long id) {
      if (id == refused) {
        throw new ProviderException(ProviderException.Reason.FORBIDDEN, 403, "Vast API: forbidden");
      }
      return vast.findInstance(id);
    }

    @Override
    public List<Offer> searchOffers(OfferQuery query) {
      return vast.searchOffers(query);
    }

    @Override
    public long createInstance(CreateRequest request) {
      return vast.createInstance(request);
    }

    @Override
    public List<Instance> listInstances() {
      return vast.listInstances();
    }

    @Override
    public List<Instance> findByLabel(String label) {
      return vast.findByLabel(label);
    }

    @Override
    public void startInstance(long id) {
      vast.startInstance(id);
    }

    @Override
    public void stopInstance(long id) {
      vast.stopInstance(id);
    }

    @Override
    public void rebootInstance(long id) {
      vast.rebootInstance(id);
    }

    @Override
    public void labelInstance(long id, String label) {
      vast.labelInstance(id, label);
    }

    @Override
    public void destroyInstance(long id) {
      vast.destroyInstance(id);
    }

    @Override
    public Account currentAccount() {
      return vast.currentAccount();
    }

    @Override
    public void ensureAccountSshKey(String publicKey) {
      vast.ensureAccountSshKey(publicKey);
    }

    @Override
    public void attachSshKey(long instanceId, String publicKey) {
      vast.attachSshKey(instanceId, publicKey);
    }
  }
}
