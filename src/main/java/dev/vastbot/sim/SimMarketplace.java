package dev.vastbot.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The simulated Vast.ai marketplace: seeded offers, the instances rented from them, the account
 * balance and SSH keys. There are no background threads: every call first steps the market to
 * {@code clock.instant()} (boot steps, billing, zero-balance stop). Same seed, same calls and same
 * clock give the same answers. Thread-safe (every method locks the marketplace).
 */
public final class SimMarketplace {
  private final Clock clock;
  private final SimSettings settings;
  private final OfferCatalog catalog;
  private final SimAccount account;
  private final Billing billing;
  private final HostLink hostLink = new HostLink();
  private final Map<Long, SimInstance> instances = new TreeMap<>();
  private final SeededIds ids;
  private final LogStore logs = new LogStore();
  private final SimFaults faults;
  private final InstanceDesk desk;
  private final SeededFleet seededFleet;

  /** A fresh market at {@code clock}'s current instant, configured by {@code settings}. */
  private final java.util.List<java.util.function.LongConsumer> destroyListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public SimMarketplace(Clock clock, SimSettings settings) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.catalog = new OfferCatalog(settings.seed());
    this.account = new SimAccount(settings.startingBalance());
    this.billing = new Billing(account, clock.instant());
    this.ids = new SeededIds(settings.seed());
    this.faults = new SimFaults(this);
    this.desk = new InstanceDesk(settings, catalog, account, instances, ids, hostLink);
    this.seededFleet = new SeededFleet(settings.seed());
  }

  /** The switchable faults of this market and of servers in front of it. */
  public SimFaults faults() {
    return faults;
  }

  /** The one valid API key. */
  public String apiKey() {
    return settings.apiKey();
  }

  /** The settings this market was built with. */
  public SimSettings settings() {
    return settings;
  }

  /** Snapshot of every instance that exists (not destroyed), by id. */
  public synchronized List<SimInstanceView> instances() {
    advance();
    return instances.values().stream().map(SimMarketplace::view).toList();
  }

  /** One instance's snapshot, or empty when unknown or destroyed. */
  public synchronized Optional<SimInstanceView> instance(long instanceId) {
    advance();
    return Optional.ofNullable(instances.get(instanceId)).map(SimMarketplace::view);
  }

  /** The account balance in USD after billing up to now. */
  public synchronized double balance() {
    advance();
    return account.balance();
  }

  /**
   * Adds {@code count} instances that already exist on the account, created directly rather than
   * through {@code PUT /asks/{id}/}: each on its own machine outside the offer catalog, labelled
   * {@code seed-0001}, {@code seed-0002}, ... (numbering goes on across calls), with varied GPUs
   * and prices, about 92 in 100 running and the rest stopped, exited or offline, drawn from the
   * seed alone. Running ones get their SSH endpoint from the host attachment at once (set it
   * first for reachable hosts). Adds credit for 30 days of the seeded instances' full price.
   *
   * @return the new instance ids, ascending
   */
  public synchronized List<Long> seedInstances(int count) {
    advance();
    return desk.seed(seededFleet.next(count, now()));
  }

  /**
   * Moves the market: every offer's GPU price and minimum bid becomes the seeded one times {@code
   * factor} (2.5: prices jump to 2.5 times). Instances rented earlier keep their price.
   */
  public synchronized void setPriceFactor(double factor) {
    catalog.setPriceFactor(factor);
  }

  /**
   * Replaces where running instances get their SSH endpoint; instances already running are detached
   * from the old attachment and attached to the new one.
   */
  public synchronized void setHostAttachment(HostAttachment attachment) {
    advance();
    HostAttachment previous = hostLink.current();
    hostLink.replace(attachment);
    instances.values().forEach(instance -> instance.reattach(previous));
  }

  /**
   * The public keys allowed to log into the instance: the account keys it was created with plus
   * those attached later; empty when unknown or destroyed.
   */
  public synchronized List<String> authorizedKeys(long instanceId) {
    advance();
    SimInstance instance = instances.get(instanceId);
    return instance == null ? List.of() : instance.authorizedKeys();
  }

  synchronized List<String> authorizedKeysOrThrow(long instanceId) {
    advance();
    return desk.existing(instanceId).authorizedKeys();
  }

  synchronized List<ObjectNode> searchOffers(OfferSearch search) {
    advance();
    return search.run(catalog, now());
  }

  synchronized ObjectNode createInstance(long askId, CreateOrder order) {
    advance();
    return desk.create(askId, order, now());
  }

  synchronized Optional<ObjectNode> instanceJson(long instanceId) {
    advance();
    return Optional.ofNullable(instances.get(instanceId))
        .map(instance -> InstanceJson.render(instance, now()));
  }

  synchronized List<ObjectNode> instanceRows() {
    advance();
    return instances.values().stream()
        .map(instance -> InstanceJson.render(instance, now()))
        .toList();
  }

  synchronized void updateInstance(long instanceId, String state, String label) {
    advance();
    desk.update(instanceId, state, label, now());
  }

  synchronized void changeBid(long instanceId, double price) {
    advance();
    desk.changeBid(instanceId, price, now());
  }

  synchronized void reboot(long instanceId) {
    advance();
    desk.reboot(instanceId, now());
  }

  synchronized void destroy(long instanceId) {
    advance();
    destroyListeners.forEach(listener -> listener.accept(instanceId));
    desk.destroy(instanceId);
  }

  /**
   * Calls {@code listener} with the instance id when a destroy request arrives, before the
   * instance goes: tests look at the world as it is at the moment of the DELETE.
   */
  public synchronized void onDestroy(java.util.function.LongConsumer listener) {
    destroyListeners.add(listener);
  }

  synchronized void attachKey(long instanceId, String publicKey) {
    advance();
    desk.existing(instanceId).addAuthorizedKey(publicKey);
  }

  /** What billing charged each instance in {@code [from, until)}, destroyed instances included. */
  synchronized List<ChargeBook.Charge> charges(Instant from, Instant until) {
    advance();
    return billing.book().between(from, until);
  }

  synchronized ObjectNode currentUser() {
    advance();
    return account.toJson();
  }

  synchronized SimAccount.AccountKey addAccountKey(String publicKey) {
    return account.addSshKey(publicKey, now());
  }

  synchronized List<SimAccount.AccountKey> accountKeys() {
    return account.sshKeys();
  }

  synchronized boolean deleteAccountKey(long keyId) {
    return account.removeSshKey(keyId);
  }

  /** Publishes the instance's log text and returns its token, for a {@code result_url}. */
  synchronized String requestLogs(long instanceId) {
    advance();
    SimInstance instance = instances.get(instanceId);
    if (instance == null) {
      throw SimApiException.of(404, "invalid_id", "Invalid instance id.");
    }
    String token = ids.hexToken(32);
    logs.publish(token, desk.logText(instance, now()));
    return token;
  }

  synchronized Optional<LogStore.Fetch> fetchLog(String token) {
    return logs.fetch(token);
  }

  synchronized void applyFault(long instanceId, Consumer<SimInstance> fault) {
    advance();
    SimInstance instance = instances.get(instanceId);
    if (instance == null) {
      throw new IllegalArgumentException("no such instance: " + instanceId);
    }
    fault.accept(instance);
  }

  synchronized void holdNextCreatesInLoading(int creates) {
    desk.holdNextCreatesInLoading(creates);
  }

  synchronized void clearInstanceFaults() {
    advance();
    desk.holdNextCreatesInLoading(0);
    instances.values().forEach(instance -> instance.releaseFaults(now()));
  }

  /** {@code GET /_sim/state}: balance, instances and rented offers. */
  synchronized ObjectNode stateJson() {
    advance();
    var state = JsonNodeFactory.instance.objectNode();
    state.put("now", now().toString());
    state.put("balance", account.balance());
    state.put("offers", catalog.offers().size());
    var rented = state.putArray("rented_offers");
    catalog.rentedOfferIds().stream().sorted().forEach(rented::add);
    var list = state.putArray("instances");
    instances.values().forEach(instance -> list.add(desk.stateRow(view(instance))));
    return state;
  }

  Instant now() {
    return billing.steppedTo();
  }

  Clock clock() {
    return clock;
  }

  private void advance() {
    billing.advanceTo(clock.instant(), instances.values());
  }

  private static SimInstanceView view(SimInstance instance) {
    SimOffer offer = instance.rental().offer();
    return new SimInstanceView(
        instance.id(),
        offer.id(),
        offer.machineId(),
        instance.label(),
        offer.gpuName(),
        offer.numGpus(),
        instance.actualStatus(),
        instance.states().intended(),
        instance.states().current(),
        instance.states().next(),
        instance.statusMsg(),
        instance.rental().order().isBid(),
        instance.rental().dphTotal(),
        instance.charged(),
        instance.endpoint());
  }
}
