package dev.vastbot.app;

import dev.vastbot.fleet.Account;
import dev.vastbot.fleet.CreateRequest;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.port.GpuProvider;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider as the bot uses it: every call goes to Vast, and what Vast answers keeps the
 * shared snapshot current. A full list replaces the snapshot; a single read updates its instance;
 * after a start, stop, reboot, label or create the instance is read again, and after a destroy it
 * leaves the snapshot. So a command that acted shows its effect at once, without a full list.
 */
public final class SnapshotKeepingProvider implements GpuProvider {
  private static final Logger log = LoggerFactory.getLogger(SnapshotKeepingProvider.class);
  private final GpuProvider provider;
  private final CachedFleetSnapshots snapshots;

  public SnapshotKeepingProvider(GpuProvider provider, CachedFleetSnapshots snapshots) {
    this.provider = provider;
    this.snapshots = snapshots;
  }

  @Override
  public List<Offer> searchOffers(OfferQuery query) {
    return provider.searchOffers(query);
  }

  @Override
  public long createInstance(CreateRequest request) {
    long id = provider.createInstance(request);
    rereadAfterAct(id);
    return id;
  }

  @Override
  public List<Instance> listInstances() {
    return snapshots.refresh().instances();
  }

  @Override
  public Optional<Instance> findInstance(long id) {
    return snapshots.reread(id);
  }

  @Override
  public List<Instance> findByLabel(String label) {
    return provider.findByLabel(label);
  }

  @Override
  public void startInstance(long id) {
    provider.startInstance(id);
    rereadAfterAct(id);
  }

  @Override
  public void stopInstance(long id) {
    provider.stopInstance(id);
    rereadAfterAct(id);
  }

  @Override
  public void rebootInstance(long id) {
    provider.rebootInstance(id);
    rereadAfterAct(id);
  }

  @Override
  public void changeBid(long id, double pricePerHour) {
    provider.changeBid(id, pricePerHour);
    rereadAfterAct(id);
  }

  @Override
  public void labelInstance(long id, String label) {
    provider.labelInstance(id, label);
    rereadAfterAct(id);
  }

  @Override
  public void destroyInstance(long id) {
    provider.destroyInstance(id);
    snapshots.remove(id);
  }

  /**
   * Reads an instance again after acting on it. The act itself succeeded, so a failed read is not
   * its failure: the snapshot keeps the old view until the next read or list.
   */
  private void rereadAfterAct(long id) {
    try {
      snapshots.reread(id);
    } catch (RuntimeException unreadable) {
      log.info("vast-" + id + ": not read again after acting on it ("
          + unreadable.getClass().getSimpleName() + "); the next list will show it");
    }
  }

  @Override
  public Account currentAccount() {
    return provider.currentAccount();
  }

  @Override
  public void ensureAccountSshKey(String publicKey) {
    provider.ensureAccountSshKey(publicKey);
  }

  @Override
  public void attachSshKey(long instanceId, String publicKey) {
    provider.attachSshKey(instanceId, publicKey);
  }
}
