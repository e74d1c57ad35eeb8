package dev.vastbot.service.provision;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.ProvisionOrder;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.ProvisionPrice;
import dev.vastbot.fleet.ProvisionResult;
import dev.vastbot.fleet.RentalType;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.reservation.RentScope;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.fleet.reservation.ReservationOutcome;
import dev.vastbot.service.reservation.Reserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
/**
 * Rents new instances: checks the order against the policy, reserves its instance slots and spend in
 * the store (so that {@code scaling.max_instances}, a group's maximum and the budgets hold however
 * many rents run at once, in any number of processes), takes the cheapest matching offers, creates
 * each with a label that names the journaled operation (so a retried create finds it), then follows
 * them until they run. Journals and audits every step. Every rent goes through a reservation:
 * people's provisions, the autoscaler's scale-ups and replacements, and approved requests (an
 * approval lifts the cap it was asked over; the slots are reserved all the same, so others see them).
 */
public final class Provisioner {
  /**
   * Who a policy's provision requests are by (the autoscaler's): their price ceiling is the
   * group's, so an approved one is not held to {@code provision.max_price}, which is for people.
   */
  public static final String POLICY_ACTOR = "autoscaler";
  private final GpuProvider provider;
  private final FleetStore store;
  private final ProvisionPolicy policy;
  private final Clock clock;
  private final dev.vastbot.service.approval.ApprovalDesk desk;
  private final Reserver reserver;
  private final ReservedCreates creates;
  private final NewInstances newInstances;
  private final ProvisionJournal journal;

  /** Makes a new, running instance useful (workers, P2P); returns what it did, for people. */
  @FunctionalInterface
  public interface InstancePreparation {
    String prepare(Instance instance) throws InterruptedException;

    InstancePreparation NONE = instance -> "";
  }

  /**
   * A provisioner without an approval desk whose reservations check {@code scaling.max_instances}
   * only.
   *
   * @param sshPublicKey the bot's SSH public key: registered with the account before a create and
   *     attached to each new instance, so that new instances accept it
   */
  public Provisioner(GpuProvider provider, FleetStore store, InstanceWaiter waiter,
      ProvisionPolicy policy, Clock clock, Supplier<Optional<String>> sshPublicKey,
      InstancePreparation preparation) {
    this(provider, store, policy, clock, new Readying(waiter, sshPublicKey, preparation), null,
        Reserver.fleetSlotsOnly(store, policy.maxInstances(), policy.bootTimeout(), clock));
  }

  /**
   * @param readying how the new instances are made ready (SSH key, followed to running, prepared)
   * @param desk where a person's provision that a cap refuses, or that would add more than {@link
   *     ProvisionPolicy#approvalUsdPerHour}, asks for approval; null: it is refused
   * @param reserver takes every rent's reservation (its rule decides which caps apply)
   */
  public Provisioner(GpuProvider provider, FleetStore store, ProvisionPolicy policy, Clock clock, Readying readying,
      dev.vastbot.service.approval.ApprovalDesk desk, Reserver reserver) {
    this.desk = desk;
    this.provider = provider;
    this.store = store;
    this.policy = policy;
    this.clock = clock;
    this.reserver = java.util.Objects.requireNonNull(reserver, "reserver == null");
    this.creates = new ReservedCreates(provider, reserver, policy);
    this.newInstances = new NewInstances(provider, store, clock, policy, readying);
    this.journal = new ProvisionJournal(store, clock);
  }

  /**
   * Provisions per the order. A create the provider refuses is reported in the result; any other
   * provider failure marks the operation failed and is rethrown (instances created before it carry
   * the operation's label and show in {@code /vast list}).
   */
  public ProvisionResult provision(ProvisionOrder order, Actor actor) throws InterruptedException {
    long operation = journal.start(order.describe(), actor);
    return journal.failingOnProviderError(operation, order.describe(), actor, true,
        () -> provision(operation, order, actor, false, false));
  }

  /** Whether the operation is a provision that asked for approval. */
  public boolean isProvisionRequest(long operation) {
    return store.provisionOrder(operation).isPresent();
  }

  /**
   * Records a person's decision on a provision that asked for approval (who may decide is the
   * desk's policy); {@link #runApproved} then rents it.
   */
  public dev.vastbot.service.approval.ApprovalDesk.Decided decide(long operation, Actor actor,
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
   * Rents what an approved provision asked for (one that a cap refused, or that costs more than the
   * approval threshold), once: the operation moves from APPROVED to RUNNING first, so a second call
   * does nothing. The approval lifts the caps; the slots are reserved all the same.
   */
  public ProvisionResult runApproved(long operation, Actor actor) throws InterruptedException {
    Optional<ProvisionOrder> order = store.provisionOrder(operation);
    Optional<ProvisionResult> notApproved = claimApproved(operation, order);
    if (notApproved.isPresent()) {
      return notApproved.get();
    }
    boolean byPolicy = askedByPolicy(operation);
    return journal.failingOnProviderError(operation, order.get().describe(), actor, false,
        () -> provision(operation, order.get(), actor, true, byPolicy));
  }

  private ProvisionResult provision(long operation, ProvisionOrder order, Actor actor, boolean approved,
      boolean policyCeiling) throws InterruptedException {
    Optional<String> refusal = policyCeiling ? Optional.empty() : checkPrice(order);
    if (refusal.isPresent()) {
      return journal.refuse(operation, order.describe(), actor, refusal.get());
    }
    List<Offer> offers = provider.searchOffers(queryFor(order));
    if (offers.isEmpty()) {
      return journal.refuse(operation, order.describe(), actor, "no " + order.gpuName() + " offers at or under $"
          + price(maxDph(order)) + "/h with reliability ≥ " + policy.minReliability());
    }
    double perHour = Reserver.mostFor(offers, order.count());
    if (!approved && perHour > policy.approvalUsdPerHour()) {
      return askOrRefuse(operation, order, actor, perHour, String.format(Locale.ROOT,
          "it would add up to $%.2f/h, above slack.provision_approval_usd_per_hour $%.2f/h", perHour,
          policy.approvalUsdPerHour()));
    }
    store.recordObservation(provider.listInstances(), clock.instant());
    ReservationOutcome reserved = reserver.reserve(operation,
        approved ? RentScope.approvedPerson() : RentScope.person(), order.count(), perHour);
    if (reserved.refusal().isPresent()) {
      String why = reserved.refusal().get().reason();
      return approved ? journal.refuse(operation, order.describe(), actor, why)
          : askOrRefuse(operation, order, actor, perHour, why);
    }
    return rent(operation, order.describe(), order.count(), offers, offer -> Optional.empty(), actor,
        reserved.granted().get());
  }

  private Optional<String> checkPrice(ProvisionOrder order) {
    if (order.maxDph().isPresent() && order.maxDph().get() > policy.maxDph()) {
      return Optional.of("--max-price " + price(order.maxDph().get()) + " is above provision.max_price $"
          + price(policy.maxDph()) + "/h (VAST_MAX_PRICE)");
    }
    return Optional.empty();
  }

  /**
   * A person's provision that a cap or the approval threshold stops: asks an approver, saying why
   * and what it would cost ({@code perHour}: the dearest of the offers found now that it could
   * take); refused when there is no approval desk.
   */
  private ProvisionResult askOrRefuse(long operation, ProvisionOrder order, Actor actor, double perHour,
      String why) {
    if (desk == null) {
      return journal.refuse(operation, order.describe(), actor, why);
    }
    String whyAndCost = why + String.format(Locale.ROOT, "; costs up to $%.2f/day ($%.2f/h)", perHour * 24, perHour);
    ask(operation, order.describe(), order, actor, whyAndCost);
    return new ProvisionResult(operation, whyAndCost, List.of(), List.of(), true);
  }

  private void ask(long operation, String what, ProvisionOrder order, Actor actor, String why) {
    store.recordProvisionOrder(operation, order);
    desk.ask(operation, "provision", what, actor, "provision " + what + ": " + why);
  }

  /**
   * Asks a person to approve renting {@code order} (the autoscaler's scale-up that a budget cap
   * stops) at {@code price}: journals it as a provision awaiting approval, with the price kept;
   * {@link #runApproved} rents it once approved. Returns the operation's id.
   *
   * @param what the operation's target, for the journal and people ({@code selfplay-4090: 2 × RTX 4090})
   * @param price what the request is priced at now; its approval is of this amount
   * @throws IllegalStateException when this provisioner has no approval desk
   */
  public long askApproval(String what, ProvisionOrder order, ProvisionPrice price, Actor actor, String why) {
    if (desk == null) {
      throw new IllegalStateException("no approval desk: a provision cannot ask for approval");
    }
    long operation = journal.start(what, actor);
    store.recordProvisionPrice(operation, price);
    ask(operation, what, order, actor, why);
    return operation;
  }

  /**
   * Closes a provision request still awaiting approval that a newer one takes the place of ({@link
   * dev.vastbot.service.approval.ApprovalDesk#supersede}); whether this call closed it.
   */
  public boolean supersede(long operation, String why) {
    return desk != null && desk.supersede(operation, why).isPresent();
  }

  /**
   * Closes an approved provision request without renting it (it would cost more than was
   * approved): APPROVED to CANCELLED, once (a second call, or one that the rent claimed first, does
   * nothing), audited, its prompt edited. Whether this call closed it.
   */
  public boolean cancelApproved(long operation, Actor actor, String why) {
    if (!store.transitionOperation(operation, OperationState.APPROVED, OperationState.CANCELLED, why,
        clock.instant())) {
      return false;
    }
    String what = store.operation(operation).map(Operation::target).orElse("provision " + operation);
    store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "provision", what, "not rented: " + why));
    if (desk != null) {
      store.operation(operation).ifPresent(desk.prompts()::ended);
    }
    return true;
  }

  /**
   * Rents {@code count} of {@code offers}, best first (the autoscaler ranked them), under a
   * reservation of {@code scope}: refused (nothing created) when it would pass a cap; else an offer
   * taken meanwhile is skipped for the next. Then follows them to running and prepares each,
   * journaled and audited like {@link #provision}.
   *
   * @param what for the journal and people, e.g. {@code selfplay-4090: 2 × RTX 4090}
   * @param bidFor the bid for an offer, empty for on-demand
   */
  public ProvisionResult rentOffers(String what, int count, List<Offer> offers,
      Function<Offer, Optional<Double>> bidFor, RentScope scope, Actor actor) throws InterruptedException {
    long operation = journal.start(what, actor);
    return journal.failingOnProviderError(operation, what, actor, true,
        () -> reserveAndRent(operation, what, count, offers, bidFor, scope, actor));
  }

  /**
   * Rents an approved provision request from offers the caller chose (the autoscaler's, for its
   * group's requests: its GPU types, reliability floor, rental type and bids), under a reservation of
   * {@code scope}, once: the operation moves from APPROVED to RUNNING first, so a second call does
   * nothing.
   *
   * @param scope the group, with the cap the approval lifted waived
   * @param whyNoOffers the refusal when {@code offers} is empty
   */
  public ProvisionResult rentApproved(long operation, List<Offer> offers, Function<Offer, Optional<Double>> bidFor,
      RentScope scope, Actor actor, String whyNoOffers) throws InterruptedException {
    Optional<ProvisionOrder> order = store.provisionOrder(operation);
    Optional<ProvisionResult> notApproved = claimApproved(operation, order);
    if (notApproved.isPresent()) {
      return notApproved.get();
    }
    String what = store.operation(operation).map(Operation::target).orElse(order.get().describe());
    if (offers.isEmpty()) {
      return journal.refuse(operation, what, actor, whyNoOffers);
    }
    return journal.failingOnProviderError(operation, what, actor, false,
        () -> reserveAndRent(operation, what, order.get().count(), offers, bidFor, scope, actor));
  }

  private ProvisionResult reserveAndRent(long operation, String what, int count, List<Offer> offers,
      Function<Offer, Optional<Double>> bidFor, RentScope scope, Actor actor) throws InterruptedException {
    ReservationOutcome reserved = reserver.reserve(operation, scope, count, Reserver.mostFor(offers, count));
    if (reserved.refusal().isPresent()) {
      return journal.refuse(operation, what, actor, reserved.refusal().get().reason());
    }
    return rent(operation, what, count, offers, bidFor, actor, reserved.granted().get());
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

  /**
   * Creates {@code count} of {@code offers} (the next on a taken one) under {@code reservation},
   * follows them to running, prepares each.
   */
  private ProvisionResult rent(long operation, String what, int count, List<Offer> offers,
      Function<Offer, Optional<Double>> bidFor, Actor actor, Reservation reservation) throws InterruptedException {
    Optional<String> key;
    try {
      key = newInstances.registerKey();
    } catch (RuntimeException e) {
      reserver.release(reservation);
      throw e;
    }
    ReservedCreates.Created created = creates.create(operation, count, offers, bidFor, reservation);
    NewInstances.BroughtUp up = newInstances.bringUp(operation, created.ids(), key);
    var notes = new ArrayList<>(created.notes());
    notes.addAll(up.notes());
    ProvisionResult result = journal.finish(operation, what, count, actor, up.boots(), notes, created.takenOffers());
    store.recordObservation(provider.listInstances(), clock.instant());
    return result;
  }

  private OfferQuery queryFor(ProvisionOrder order) {
    return new OfferQuery(Optional.of(order.gpuName()), Optional.of(maxDph(order)),
        policy.minReliability(), Optional.empty(), RentalType.ON_DEMAND, policy.diskGb(),
        order.count() * 3 + 5);
  }

  private double maxDph(ProvisionOrder order) {
    return order.maxDph().orElse(policy.maxDph());
  }

  static String price(double dph) {
    return String.format(Locale.ROOT, "%.2f", dph);
  }
}
