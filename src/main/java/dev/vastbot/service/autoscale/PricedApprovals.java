package dev.vastbot.service.autoscale;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.ProvisionOrder;
import dev.vastbot.fleet.ProvisionPrice;
import dev.vastbot.fleet.ProvisionResult;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.OfferRanking;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.service.provision.Provisioner;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
/**
 * The autoscaler's provision requests, each priced when asked ({@link ProvisionPrice}: count, $/h,
 * all groups' forecast): a group's request awaiting approval stands for the same need only (a need
 * of another count, or one that costs more, supersedes it; the same need asks nobody twice), and an
 * approved request is re-priced when it is rented: one that would cost more than was approved rents
 * nothing and is asked again, showing the old and the new cost. State is the store's; safe to call
 * from several threads as far as the store's guarded writes are (a request is closed once).
 */
final class PricedApprovals {
  private final FleetStore store;
  private final Provisioner provisioner;

  PricedApprovals(FleetStore store, Provisioner provisioner) {
    this.store = store;
    this.provisioner = provisioner;
  }

  /**
   * What renting {@code offers} costs in {@code group} (bids priced as the group bids), with all
   * groups' forecast at {@code totalRatePerHour} plus them. Pure.
   */
  static ProvisionPrice price(GroupPolicy group, List<Offer> offers, double totalRatePerHour) {
    double perHour = offers.stream().mapToDouble(offer -> OfferRanking.priceOf(group, offer)).sum();
    return new ProvisionPrice(offers.size(), perHour, (totalRatePerHour + perHour) * 24);
  }

  /**
   * Asks for approval, as {@code actor} (the autoscaler, or the person whose scale-up it is), of
   * renting {@code offers} at {@code need}, unless the group's request awaiting
   * approval was priced for the same need; one priced otherwise is superseded first (closed with the
   * reason, audited). What was done, for people.
   *
   * @param target the target prefix of the group's requests ({@code selfplay: })
   */
  List<String> ask(String target, List<Offer> offers, ProvisionPrice need, Actor actor, String why) {
    Optional<Operation> pending = pending(target);
    if (pending.isEmpty()) {
      return List.of(askAnew(target, offers, need, actor, why));
    }
    long id = pending.get().id();
    Optional<String> differs = store.provisionPrice(id).map(asked -> asked.differsFrom(need))
        .orElse(Optional.of("it was not priced when asked"));
    if (differs.isEmpty()) {
      return List.of("provision " + id + " already awaits approval");
    }
    if (!provisioner.supersede(id, differs.get())) {
      return List.of("provision " + id + " was decided meanwhile; nothing asked (a later tick asks if still needed)");
    }
    return List.of("provision " + id + " superseded: " + differs.get(), askAnew(target, offers, need, actor, why));
  }

  private String askAnew(String target, List<Offer> offers, ProvisionPrice need, Actor actor, String why) {
    long operation = provisioner.askApproval(target + order(offers).describe(), order(offers), need, actor,
        why + "; " + costs(need));
    return "asked for approval: provision " + operation;
  }

  /**
   * Re-prices an approved request at {@code now} (the offers it would rent now): empty when within
   * the approved amount (the rent goes ahead); else the request is closed unrented and asked again
   * at the new price, and the result says so, with the old and the new cost.
   */
  Optional<ProvisionResult> reaskIfPassed(long operation, String target, List<Offer> offers, ProvisionPrice now,
      Actor actor) {
    Optional<String> passed = store.provisionPrice(operation).map(asked -> asked.passedBy(now))
        .orElse(Optional.of("it was not priced when asked; now " + now.describe()));
    if (passed.isEmpty()) {
      return Optional.empty();
    }
    String moved = "re-priced when approved: " + passed.get();
    if (!provisioner.cancelApproved(operation, actor, moved + "; nothing was rented, approval asked again")) {
      return Optional.of(new ProvisionResult(operation, "provision " + operation + " is not approved (it is "
          + store.operation(operation).map(o -> o.state().display()).orElse("unknown") + ")", List.of(), List.of()));
    }
    // asked by whoever asked the first (the autoscaler): the approver of the old cost may decide the new
    Actor requester = store.operation(operation).map(o -> new Actor(o.requestedBy())).orElse(Autoscaler.ACTOR);
    long again = provisioner.askApproval(target + order(offers).describe(), order(offers), now, requester,
        moved + " (provision " + operation + " was approved at the old cost); " + costs(now));
    return Optional.of(new ProvisionResult(again, "nothing was rented under provision " + operation + ": "
        + passed.get() + "; asked again", List.of(), List.of(), true));
  }

  private Optional<Operation> pending(String target) {
    return store.openOperations("provision").stream()
        .filter(operation -> operation.state() == OperationState.AWAITING_APPROVAL)
        .filter(operation -> operation.target().startsWith(target))
        .findFirst();
  }

  private static ProvisionOrder order(List<Offer> offers) {
    Offer first = offers.get(0);
    return new ProvisionOrder(first.gpuName(), offers.size(),
        Optional.of(offers.stream().mapToDouble(Offer::dphTotal).max().orElse(first.dphTotal())));
  }

  private static String costs(ProvisionPrice price) {
    return String.format(Locale.ROOT, "costs $%.2f/h, $%.2f/day (forecast $%.2f/day for all groups)",
        price.usdPerHour(), price.usdPerHour() * 24, price.forecastUsdPerDay());
  }
}
