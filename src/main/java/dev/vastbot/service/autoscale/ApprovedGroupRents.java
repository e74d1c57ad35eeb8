package dev.vastbot.service.autoscale;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.ProvisionResult;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.GroupObservation;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.OfferRanking;
import dev.vastbot.fleet.autoscale.RankedOffer;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.reservation.Cap;
import dev.vastbot.fleet.reservation.RentScope;
import dev.vastbot.service.provision.Provisioner;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Rents approved provision requests of the autoscaler's groups as the groups rent, re-priced first
 * ({@link PricedApprovals}); any other approved provision goes to the {@link Provisioner} as it is.
 * Called with the autoscaler's decisions serialised.
 */
final class ApprovedGroupRents {
  private final AutoscalerPolicy policy;
  private final FleetStore store;
  private final Provisioner provisioner;
  private final PricedApprovals approvals;
  private final GroupObserver observer;
  private final Clock clock;

  ApprovedGroupRents(AutoscalerPolicy policy, FleetStore store, Provisioner provisioner, PricedApprovals approvals,
      GroupObserver observer, Clock clock) {
    this.policy = policy;
    this.store = store;
    this.provisioner = provisioner;
    this.approvals = approvals;
    this.observer = observer;
    this.clock = clock;
  }

  /** See {@link Autoscaler#runApproved}. */
  ProvisionResult runApproved(long operation, Actor actor) throws InterruptedException {
    String target = store.operation(operation).map(Operation::target).orElse("");
    Optional<GroupPolicy> group = policy.groups().stream()
        .filter(candidate -> target.startsWith(GroupRents.targetPrefix(candidate.name()))).findFirst();
    if (group.isEmpty()) {
      return provisioner.runApproved(operation, actor);
    }
    GroupObservation now;
    try {
      now = Autoscaler.observable(observer.observeGroup(Optional.of(group.get().name())));
    } catch (RuntimeException e) {
      // refused with the reason, so the approved request ends instead of staying approved and unrented
      return provisioner.rentApproved(operation, List.of(), GroupRents.bidFor(group.get()),
          RentScope.group(group.get().name(), Set.of()), actor, group.get().name() + " could not be observed: "
          + Autoscaler.describe(e));
    }
    return rentApproved(operation, group.get(), now, actor);
  }

  /** Re-priced at {@code now}'s best offers, up to the window's maximum; rented when within the approval. */
  private ProvisionResult rentApproved(long operation, GroupPolicy group, GroupObservation now, Actor actor)
      throws InterruptedException {
    var limits = group.limitsAt(clock.instant().atZone(policy.zone()));
    int room = Math.max(0, limits.maxInstances() - now.serving().size());
    int count = Math.min(provisioner.orderOf(operation).count(), room);
    var ranking = new OfferRanking(group, limits);
    List<Offer> offers = ranking.rank(now).stream().limit(count).map(RankedOffer::offer).toList();
    if (!offers.isEmpty()) { // re-priced now: more than approved rents nothing and asks again
      Optional<ProvisionResult> again = approvals.reaskIfPassed(operation, GroupRents.targetPrefix(group.name()),
          offers, PricedApprovals.price(group, offers, now.spend().total().ratePerHour()), actor);
      if (again.isPresent()) {
        return again.get();
      }
    }
    String whyNone = room == 0
        ? String.format(Locale.ROOT, "%s is at its maximum %d (window %s) now", group.name(),
            limits.maxInstances(), limits.window())
        : ranking.nothingFound();
    // the approval lifts the budget it was asked over; the group's and the fleet's slots still hold
    RentScope scope = RentScope.group(group.name(), observer.leaving(group.name(), now)).waiving(Cap.BUDGET);
    ProvisionResult result = provisioner.rentApproved(operation, offers, GroupRents.bidFor(group), scope, actor,
        whyNone);
    for (var boot : result.boots()) {
      store.assignAutoscaleGroup(boot.id(), group.name(), clock.instant());
    }
    store.markScale(group.name(), "up", clock.instant());
    return result;
  }
}
