package dev.vastbot.service.autoscale;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.ScalingDecision;
import dev.vastbot.fleet.port.FleetStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A group's scale-ups: warm pool members restarted first, the rest rented from the decision's
 * offers (what someone else took meanwhile decided once more); a scale-up that a budget cap stops
 * asks for approval at today's price ({@link PricedApprovals}). Called with the autoscaler's
 * decisions serialised.
 */
final class GroupScaleUps {
  private final AutoscalerPolicy policy;
  private final FleetStore store;
  private final Clock clock;
  private final Optional<WarmPoolActions> pool;
  private final GroupObserver observer;
  private final GroupRents rents;
  private final PricedApprovals approvals;

  GroupScaleUps(AutoscalerPolicy policy, FleetStore store, Clock clock, Optional<WarmPoolActions> pool,
      GroupObserver observer, GroupRents rents, PricedApprovals approvals) {
    this.policy = policy;
    this.store = store;
    this.clock = clock;
    this.pool = pool;
    this.observer = observer;
    this.rents = rents;
    this.approvals = approvals;
  }

  /**
   * Restarts from the warm pool, then rents what is still wanted. The group's scale-up cooldown
   * starts only once something was restarted or created (a storm of errors or a refused
   * reservation starts none, so the demand trigger stays awake). What it did, for people.
   */
  List<String> scaleUp(Autoscaler.Observed observed, ScalingDecision decision, Actor actor)
      throws InterruptedException {
    String group = decision.group();
    var lines = new ArrayList<String>();
    try {
      WarmPoolActions.Restarted restarted = restartFromPool(decision, observer.leaving(observed), actor);
      lines.addAll(restarted.lines());
      if (restarted.running() > 0) {
        markScaledUp(group);
      }
      if (restarted.running() < decision.offers().size()) {
        List<Offer> fresh = decision.offers().subList(0, decision.offers().size() - restarted.running());
        var leavingNow = new HashSet<>(observer.leaving(observed));
        leavingNow.addAll(restarted.letGo());
        Noted<GroupRents.Rented> rented = rents.rent(group, fresh, leavingNow, actor);
        lines.addAll(rented.lines());
        if (rented.value().created() > 0) {
          markScaledUp(group);
        }
        lines.addAll(rents.retryTaken(observed, decision, rented.value(), actor));
      }
      return lines;
    } catch (ProviderException | ActingFailed e) {
      throw ActingFailed.after(lines, e);
    }
  }

  /** Restarts warm pool members before anything is rented. */
  private WarmPoolActions.Restarted restartFromPool(ScalingDecision decision, Set<Long> leaving, Actor actor)
      throws InterruptedException {
    if (pool.isEmpty()) {
      return new WarmPoolActions.Restarted(0, Set.of(), List.of());
    }
    GroupPolicy group = policy.group(decision.group()).orElseThrow();
    return pool.get().restart(group, decision.offers().size(), leaving, actor);
  }

  /** Never by a replacement's rent: a replacement does not grow the group. */
  private void markScaledUp(String group) {
    store.markScale(group, "up", clock.instant());
  }

  /** Asks for approval of the decision's offers at today's price (see {@link PricedApprovals#ask}). */
  List<String> askApproval(Autoscaler.Observed observed, ScalingDecision decision, Actor actor) {
    GroupPolicy group = policy.group(decision.group()).orElseThrow();
    double totalRate = observed.observation().orElseThrow().spend().total().ratePerHour();
    return approvals.ask(GroupRents.targetPrefix(group.name()), decision.offers(),
        PricedApprovals.price(group, decision.offers(), totalRate), actor, String.join("; ", decision.reasons()));
  }
}
