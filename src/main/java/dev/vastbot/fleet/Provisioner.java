package dev.vastbot.fleet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rents new instances: checks the order against the policy, takes the cheapest matching offers,
 * creates each with a label that names the journaled operation (so a retried create finds it),
 * then follows them until they run. Journals and audits every step.
 */
public final class Provisioner {
  /**
   * Who a policy's provision requests are by (the autoscaler's): their price ceiling is the
   * group's, so an approved one is not held to {@code provision.max_price}, which is for people.
   */
  public static final String POLICY_ACTOR = "autoscaler";
  private final GpuProvider provider;
  private final FleetStore store;
  private final InstanceWaiter waiter;
  private final ProvisionPolicy policy;
  private final Clock clock;
  private final Supplier<Optional<String>> sshPublicKey;
  private final InstancePreparation preparation;
  private final dev.vastbot.fleet.approval.ApprovalDesk desk;

  /** Makes a new, running instance useful (workers, P2P); returns what it did, for people. */
  @FunctionalInterface
  public interface InstancePreparation {
    String prepare(Instance instance) throws InterruptedException;

    InstancePreparation NONE = instance -> "";
  }

  /**
   * @param sshPublicKey the bot's SSH public key: registered with the account before a create and
   *     attached to each new instance, so that new instances accept it
   */
  public Provisioner(GpuProvider provider, FleetStore store, InstanceWaiter waiter,
      ProvisionPolicy policy, Clock clock, Supplier<Optional<String>> sshPublicKey,
      InstancePreparation preparation) {
    this(provider, store, waiter, policy, clock, sshPublicKey, preparation, null);
  }

  /**
   * @param desk where a provision that would pass {@code scaling.max_instances} asks for approval
   *     instead of being refused; null: it is refused
   */
  public Provisioner(GpuProvider provider, FleetStore store, InstanceWaiter waiter,
      ProvisionPolicy policy, Clock clock, Supplier<Optional<String>> sshPublicKey,
      InstancePreparation preparation, dev.vastbot.fleet.approval.ApprovalDesk desk) {
    this.desk = desk;
    this.provider = provider;
    this.store = store;
    this.waiter = waiter;
    this.policy = policy;
    this.clock = clock;
    this.sshPublicKey = sshPublicKey;
    this.preparation = preparation;
  }

  /**
   * Provisions per the order. A create the provider refuses is reported in the result; any other
   * provider failure marks the operation failed and is rethrown (instances created before it carry
   * the operation's label and show in {@code /vast list}).
   */
  public ProvisionResult provision(ProvisionOrder order, Actor actor) throws InterruptedException {
    long operation = store.startOperation("provision", actor.id(), order.describe(), clock.instant());
    try {
      return provision(operation, order, actor);
    } catch (ProviderException e) {
      store.updateOperation(operation, OperationState.FAILED, e.getMessage(), clock.instant());
      store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "provision", order.describe(),
          "failed: " + e.getMessage()));
      throw e;
    }
  }

  /** Whether the operation is a provision that asked for approval. */
  public boolean isProvisionRequest(long operation) {
    return store.provisionOrder(operation).isPresent();
  }

  /**
   * Records a person's decision on a provision that asked for approval (who may decide is the
   * desk's policy); {@link #runApproved} then rents it.
   */
  public dev.vastbot.fleet.approval.ApprovalDesk.Decided decide(long operation, Actor actor,
      dev.vastbot.fleet.approval.ApprovalDecision decision) {
    if (desk == null || !isProvisionRequest(operation)) {
      throw new IllegalArgumentException("operation " + operation + " is not a provision that asked for approval");
    }
    return desk.decide(operation, actor, decision, Optional.empty());
  }

  /** What a provision that asked for approval would rent. */
  public ProvisionOrder orderOf(long operation) {
    return store.provisionOrder(operation).orElseThrow(() -> new IllegalArgumentException(
        "operation " + operation + " is not a provision"));
  }

  /**
   * Rents what an approved provision asked for (one that would pass {@code scaling.max_instances}),
   * once: the operation moves from APPROVED to RUNNING first, so a second call does nothing.
   */
  public ProvisionResult runApproved(long operation, Actor actor) throws InterruptedException {
    Optional<ProvisionOrder> order = store.provisionOrder(operation);
    Optional<ProvisionResult> notApproved = claimApproved(operation, order);
    if (notApproved.isPresent()) {
      return notApproved.get();
    }
    boolean byPolicy = askedByPolicy(operation);
    return failedOnProviderError(operation, () -> provision(operation, order.get(), actor, true, byPolicy));
  }

  private ProvisionResult provision(long operation, ProvisionOrder order, Actor actor)
      throws InterruptedException {
    return provision(operation, order, actor, false, false);
  }

  private ProvisionResult provision(long operation, ProvisionOrder order, Actor actor, boolean approvedOverLimit,
      boolean policyCeiling) throws InterruptedException {
    Optional<String> refusal = policyCeiling ? Optional.empty() : checkPrice(order);
    if (refusal.isPresent()) {
      return refuse(operation, order, actor, refusal.get());
    }
    Optional<String> overLimit = approvedOverLimit ? Optional.empty() : checkLimit(order);
    if (overLimit.isPresent()) {
      if (desk == null) {
        return refuse(operation, order, actor, overLimit.get());
      }
      double perDay = order.count() * order.maxDph().orElse(policy.maxDph()) * 24;
      ask(operation, order.describe(), order, actor, overLimit.get()
          + String.format(java.util.Locale.ROOT, "; costs up to $%.2f/day", perDay));
      return new ProvisionResult(operation, overLimit.get(), List.of(), List.of(), true);
    }
    List<Offer> offers = provider.searchOffers(queryFor(order));
    if (offers.isEmpty()) {
      return refuse(operation, order, actor, "no " + order.gpuName() + " offers at or under $"
          + price(maxDph(order)) + "/h with reliability ≥ " + policy.minReliability());
    }
    return rent(operation, order.describe(), order.count(), offers, offer -> Optional.empty(), actor);
  }

  private Optional<String> checkPrice(ProvisionOrder order) {
    if (order.maxDph().isPresent() && order.maxDph().get() > policy.maxDph()) {
      return Optional.of("--max-price " + price(order.maxDph().get()) + " is above provision.max_price $"
          + price(policy.maxDph()) + "/h (VAST_MAX_PRICE)");
    }
    return Optional.empty();
  }

  private Optional<String> checkLimit(ProvisionOrder order) {
    List<Instance> fleet = provider.listInstances();
    store.recordObservation(fleet, clock.instant());
    int after = fleet.size() + order.count();
    if (after > policy.maxInstances()) {
      return Optional.of("it would bring the fleet to " + after + " instances, above scaling.max_instances "
          + policy.maxInstances() + " (VAST_AUTOSCALE_MAX)");
    }
    return Optional.empty();
  }

  private void ask(long operation, String what, ProvisionOrder order, Actor actor, String why) {
    store.recordProvisionOrder(operation, order);
    desk.ask(operation, "provision", what, actor, "provision " + what + ": " + why);
  }

  /**
   * Asks a person to approve renting {@code order} (the autoscaler's scale-up that a budget cap
   * stops): journals it as a provision awaiting approval; {@link #runApproved} rents it once
   * approved. Returns the operation's id.
   *
   * @param what the operation's target, for the journal and people ({@code selfplay-4090: 2 × RTX 4090})
   * @throws IllegalStateException when this provisioner has no approval desk
   */
  public long askApproval(String what, ProvisionOrder order, Actor actor, String why) {
    if (desk == null) {
      throw new IllegalStateException("no approval desk: a provision cannot ask for approval");
    }
    long operation = store.startOperation("provision", actor.id(), what, clock.instant());
    ask(operation, what, order, actor, why);
    return operation;
  }

  /**
   * Rents {@code count} of {@code offers}, best first (the autoscaler ranked them); an offer taken
   * meanwhile is skipped for the next. Then follows them to running and prepares each, journaled
   * and audited like {@link #provision}. {@code scaling.max_instances} is not checked: the caller's
   * policy decided the size.
   *
   * @param what for the journal and people, e.g. {@code selfplay-4090: 2 × RTX 4090}
   * @param bidFor the bid for an offer, empty for on-demand
   */
  public ProvisionResult rentOffers(String what, int count, List<Offer> offers,
      Function<Offer, Optional<Double>> bidFor, Actor actor) throws InterruptedException {
    long operation = store.startOperation("provision", actor.id(), what, clock.instant());
    try {
      return rent(operation, what, count, offers, bidFor, actor);
    } catch (ProviderException e) {
      store.updateOperation(operation, OperationState.FAILED, e.getMessage(), clock.instant());
      store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "provision", what, "failed: " + e.getMessage()));
      throw e;
    }
  }

  /**
   * Rents an approved provision request from offers the caller chose (the autoscaler's, for its
   * group's requests: its GPU types, reliability floor, rental type and bids), once: the operation
   * moves from APPROVED to RUNNING first, so a second call does nothing.
   *
   * @param whyNoOffers the refusal when {@code offers} is empty
   */
  public ProvisionResult rentApproved(long operation, List<Offer> offers, Function<Offer, Optional<Double>> bidFor,
      Actor actor, String whyNoOffers) throws InterruptedException {
    Optional<ProvisionOrder> order = store.provisionOrder(operation);
    Optional<ProvisionResult> notApproved = claimApproved(operation, order);
    if (notApproved.isPresent()) {
      return notApproved.get();
    }
    if (offers.isEmpty()) {
      return refuse(operation, order.get(), actor, whyNoOffers);
    }
    String what = store.operation(operation).map(Operation::target).orElse(order.get().describe());
    return failedOnProviderError(operation,
        () -> rent(operation, what, order.get().count(), offers, bidFor, actor));
  }

  /** Whether the autoscaler (a policy, not a person) asked for this provision. */
  public boolean askedByPolicy(long operation) {
    return store.operation(operation).map(Operation::requestedBy).filter(POLICY_ACTOR::equals).isPresent();
  }

  /**
   * Moves an approved provision to RUNNING, once (a second call finds it running); the refusal
   * when {@code order} is empty (the operation is no provision) or the operation is not approved.
   */
  private Optional<ProvisionResult> claimApproved(long operation, Optional<ProvisionOrder> order) {
    if (order.isEmpty()) {
      return Optional.of(new ProvisionResult(operation, "operation " + operation + " is not a provision",
          List.of(), List.of()));
    }
    if (!store.transitionOperation(operation, OperationState.APPROVED, OperationState.RUNNING,
        "approved; provisioning " + order.get().describe(), clock.instant())) {
      return Optional.of(new ProvisionResult(operation, "provision " + operation + " is not approved (it is "
          + store.operation(operation).map(o -> o.state().display()).orElse("unknown") + ")", List.of(), List.of()));
    }
    return Optional.empty();
  }

  /** A rent of an approved provision: one that the provider fails leaves its operation FAILED. */
  @FunctionalInterface
  private interface Renting {
    ProvisionResult rent() throws InterruptedException;
  }

  private ProvisionResult failedOnProviderError(long operation, Renting renting) throws InterruptedException {
    try {
      return renting.rent();
    } catch (ProviderException e) {
      store.updateOperation(operation, OperationState.FAILED, e.getMessage(), clock.instant());
      throw e;
    }
  }

  /** Creates {@code count} of {@code offers} (the next on a taken one), follows them to running, prepares each. */
  private ProvisionResult rent(long operation, String what, int count, List<Offer> offers,
      Function<Offer, Optional<Double>> bidFor, Actor actor) throws InterruptedException {
    List<String> notes = new ArrayList<>();
    List<Long> taken = new ArrayList<>();
    Optional<String> key = sshPublicKey.get();
    key.ifPresent(provider::ensureAccountSshKey);
    List<Long> created = createInstances(operation, count, offers, bidFor, notes, taken);
    key.ifPresent(k -> attachSshKey(created, k, notes));
    store.updateOperation(operation, OperationState.RUNNING,
        "created " + created + "; waiting for them to run", clock.instant());
    List<BootOutcome> boots =
        waiter.awaitRunning(created, policy.bootTimeout(), policy.pollInterval());
    for (BootOutcome boot : boots) {
      if (boot.kind() == BootOutcome.Kind.RUNNING) {
        String done = preparation.prepare(boot.last().orElseThrow());
        if (!done.isEmpty()) {
          notes.add("vast-" + boot.id() + ": " + done);
        }
      }
    }
    return finish(operation, what, count, actor, boots, notes, taken);
  }

  private OfferQuery queryFor(ProvisionOrder order) {
    return new OfferQuery(Optional.of(order.gpuName()), Optional.of(maxDph(order)),
        policy.minReliability(), Optional.empty(), RentalType.ON_DEMAND, policy.diskGb(),
        order.count() * 3 + 5);
  }

  private double maxDph(ProvisionOrder order) {
    return order.maxDph().orElse(policy.maxDph());
  }

  private List<Long> createInstances(long operation, int count, List<Offer> offers,
      Function<Offer, Optional<Double>> bidFor, List<String> problems, List<Long> taken) {
    List<Long> created = new ArrayList<>();
    Iterator<Offer> candidates = offers.iterator();
    boolean refused = false;
    for (int slot = 1; slot <= count && candidates.hasNext() && !refused; ) {
      Offer offer = candidates.next();
      String label = "vastbot:op" + operation + "-" + slot;
      try {
        created.add(provider.createInstance(new CreateRequest(offer.id(), policy.image(),
            policy.diskGb(), policy.env(), policy.onstart(), label, bidFor.apply(offer))));
        slot++;
      } catch (ProviderException e) {
        if (e.reason() != ProviderException.Reason.OFFER_UNAVAILABLE) {
          problems.add(e.getMessage());
          refused = true;
          continue;
        }
        problems.add("offer " + offer.id() + " was taken; trying the next one");
        taken.add(offer.id());
      }
    }
    if (created.size() < count && !refused) {
      problems.add("only " + created.size() + " of " + count + " matching offers could be rented");
    }
    return created;
  }

  private void attachSshKey(List<Long> created, String key, List<String> problems) {
    for (long id : created) {
      try {
        provider.attachSshKey(id, key);
      } catch (ProviderException e) {
        problems.add("instance " + id + ": SSH key not attached (" + e.getMessage() + ")");
      }
    }
  }

  private ProvisionResult refuse(long operation, ProvisionOrder order, Actor actor, String why) {
    store.updateOperation(operation, OperationState.FAILED, "refused: " + why, clock.instant());
    store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "provision", order.describe(),
        "refused: " + why));
    return new ProvisionResult(operation, why, List.of(), List.of());
  }

  private ProvisionResult finish(long operation, String what, int count, Actor actor,
      List<BootOutcome> boots, List<String> problems, List<Long> taken) {
    var result = new ProvisionResult(operation, null, boots, problems, false, taken);
    long running = boots.stream().filter(b -> b.kind() == BootOutcome.Kind.RUNNING).count();
    String summary = running + " of " + count + " running: "
        + boots.stream().map(b -> b.id() + " " + b.kind().name().toLowerCase()).toList();
    OperationState state = result.succeeded(count) ? OperationState.SUCCEEDED : OperationState.FAILED;
    store.updateOperation(operation, state, summary, clock.instant());
    store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "provision", what, summary));
    store.recordObservation(provider.listInstances(), clock.instant());
    return result;
  }

  static String price(double dph) {
    return String.format(java.util.Locale.ROOT, "%.2f", dph);
  }
}
