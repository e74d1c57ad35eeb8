package dev.vastbot.service.autoscale;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.BootOutcome;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.ProvisionResult;
import dev.vastbot.fleet.RentalType;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.GroupInstance;
import dev.vastbot.fleet.autoscale.GroupObservation;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.ScalingDecider;
import dev.vastbot.fleet.autoscale.ScalingDecision;
import dev.vastbot.fleet.autoscale.Spend;
import dev.vastbot.fleet.autoscale.SpendSoFar;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.reservation.RentScope;
import dev.vastbot.service.provision.Provisioner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A group's rents: offers rented through the {@link Provisioner} under a reservation of the
 * group's, the new instances recorded as the group's, and a scale-up short because someone else
 * took some of its offers decided once more for what is missing. Called with the autoscaler's
 * decisions serialised.
 */
final class GroupRents {
  private final AutoscalerPolicy policy;
  private final Provisioner provisioner;
  private final FleetStore store;
  private final Clock clock;
  private final GroupObserver observer;

  GroupRents(AutoscalerPolicy policy, Provisioner provisioner, FleetStore store, Clock clock,
      GroupObserver observer) {
    this.policy = policy;
    this.provisioner = provisioner;
    this.store = store;
    this.clock = clock;
    this.observer = observer;
  }

  /**
   * What one rent did: the instances running now (and as Vast last listed them), the offers that
   * were taken meanwhile, how many instances were created.
   */
  record Rented(List<Long> running, List<Instance> instances, List<Offer> offers, List<Long> takenOffers,
      int created) {
    static final Rented NONE = new Rented(List.of(), List.of(), List.of(), List.of(), 0);

    Rented {
      running = List.copyOf(running);
      instances = List.copyOf(instances);
      offers = List.copyOf(offers);
      takenOffers = List.copyOf(takenOffers);
    }

    /** This rent and a second one for what it missed. */
    Rented and(Rented more) {
      return new Rented(concat(running, more.running), concat(instances, more.instances), concat(offers, more.offers),
          concat(takenOffers, more.takenOffers), created + more.created);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
      var both = new ArrayList<T>(a);
      both.addAll(b);
      return both;
    }
  }

  /**
   * Rents {@code offers} for {@code group} under a reservation of the group's ({@code leaving} take
   * no slot), and says so; a reservation refused rents nothing and says which cap.
   */
  Noted<Rented> rent(String group, List<Offer> offers, Set<Long> leaving, Actor actor) throws InterruptedException {
    GroupPolicy policyOf = policy.group(group).orElseThrow();
    String what = targetPrefix(group) + offers.size() + " × " + offers.stream().map(Offer::gpuName).distinct()
        .collect(Collectors.joining(", "));
    ProvisionResult result = provisioner.rentOffers(what, offers.size(), offers, bidFor(policyOf),
        RentScope.group(group, leaving), actor);
    if (result.refusal() != null) {
      return new Noted<>(new Rented(List.of(), List.of(), offers, List.of(), 0),
          List.of("not rented (provision " + result.operationId() + "): " + result.refusal()));
    }
    List<Long> running = new ArrayList<>();
    List<Instance> instances = new ArrayList<>();
    for (var boot : result.boots()) {
      store.assignAutoscaleGroup(boot.id(), group, clock.instant());
      if (boot.kind() == BootOutcome.Kind.RUNNING) {
        running.add(boot.id());
        boot.last().ifPresent(instances::add);
      }
    }
    var lines = new ArrayList<String>();
    lines.add("rented " + running.size() + " of " + offers.size() + " (provision " + result.operationId() + ")"
        + (running.isEmpty() ? "" : ": " + Autoscaler.ids(running)));
    lines.addAll(result.notes());
    return new Noted<>(new Rented(running, instances, offers, result.takenOffers(), result.boots().size()), lines);
  }

  /**
   * A scale-up short because someone else took some of its offers: decided once more, for what is
   * missing, with the offers rented and taken left out and the ones rented counted (their size and
   * their price against the budget), so the next offers are tried within the same caps. What it
   * did, for people.
   */
  List<String> retryTaken(Autoscaler.Observed observed, ScalingDecision decision, Rented rented, Actor actor)
      throws InterruptedException {
    int missing = rented.takenOffers().size();
    if (missing == 0) {
      return List.of();
    }
    GroupObservation before = observed.observation().orElseThrow();
    List<Offer> got = rented.offers().stream().filter(offer -> !rented.takenOffers().contains(offer.id())).toList();
    var instances = new ArrayList<>(before.instances());
    // the new instances by their offers, not listed yet: they count, and cost
    got.forEach(offer -> instances.add(GroupInstance.renting(offer)));
    double added = got.stream().mapToDouble(Offer::dphTotal).sum();
    var after = new GroupObservation(before.group(), instances, before.queuedGames(),
        new SpendSoFar(withRate(before.spend().group(), added), withRate(before.spend().total(), added)),
        before.lastScaleUp(), before.lastScaleDown(), before.offers(), before.takenOfferIds(),
        before.replacements()).withOffersTried(rented.offers());
    ScalingDecision retry = ScalingDecider.scaleUpBy(policy, after, missing, clock.instant());
    if (retry.kind() != ScalingDecision.Kind.UP) {
      return List.of("not replaced by other offers: " + retry.summary());
    }
    return rent(decision.group(), retry.offers(), observer.leaving(observed), actor).lines();
  }

  private static Spend withRate(Spend spend, double added) {
    return new Spend(spend.thisHour(), spend.today(), spend.thisMonth(), spend.ratePerHour() + added);
  }

  /** The bid for an offer in {@code group}: empty for on-demand; else its minimum, under the ceiling. */
  static Function<Offer, Optional<Double>> bidFor(GroupPolicy group) {
    if (group.offers().rentalType() != RentalType.BID) {
      return offer -> Optional.empty();
    }
    return offer -> Optional.of(Math.min(group.offers().bidCeiling(), Math.max(offer.minBid(), offer.dphBase())));
  }

  /** How the targets of a group's provisions begin ({@code selfplay-4090: 2 × RTX 4090}). */
  static String targetPrefix(String group) {
    return group + ": ";
  }
}
